using DanVan.Core.Calendar;

namespace DanVan.Host.SelfHost;

/// <summary>Configuration keys the self-host sets for the WebJobs SDK; same names as the Functions app.</summary>
public static class SelfHostSettings
{
    public const string StorageConnection = "DanVanStorage";
    public const string ConsolidationSchedule = "DanVan:ConsolidationSchedule";
    public const string NightlySchedule = "DanVan:NightlySchedule";

    /// <summary>Daily at a Vietnam time of day, as a 6-field NCRONTAB in UTC.</summary>
    public static string DailyCronUtc(ReportingCalendar calendar, TimeOnly vietnamTime)
    {
        var utc = vietnamTime.Add(-calendar.UtcOffset);
        return $"0 {utc.Minute} {utc.Hour} * * *";
    }
}
