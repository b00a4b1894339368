namespace DanVan.Integration.Tests.Infrastructure;

/// <summary>Polls until a condition holds: the triggers run in the background, on their own schedule.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
    }
}
