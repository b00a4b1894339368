namespace DanVan.Integration.Tests.Infrastructure;

/// <summary>
/// One WebJobs host id per self-host a test starts: timer locks are leases per host id, and a lease a stopped
/// host left behind would otherwise hold the next test's timers for up to a minute.
/// </summary>
public static class TestHostIds
{
    public static string Next() => "t-" + Guid.NewGuid().ToString("N")[..20];
}
