namespace DanVan.Host.Cli;

/// <summary>Reports on the caller's thread, so progress dots land before the answer is printed.</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
