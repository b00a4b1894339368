using DanVan.Pipeline;

namespace DanVan.Host.SelfHost;

/// <summary>Configuration keys the self-host sets for the WebJobs SDK; same names as the Functions app.</summary>
public static class SelfHostSettings
{
    public const string StorageConnection = SettingNames.StorageConnection;
    public const string ConsolidationSchedule = SettingNames.ConsolidationSchedule;
    public const string NightlySchedule = SettingNames.NightlySchedule;
    public const string PendingSchedule = SettingNames.PendingSchedule;
    public const string ReconcileSchedule = SettingNames.ReconcileSchedule;

    /// <summary>Locally a workbook follows an upload within seconds; Azure's default is every 5 minutes.</summary>
    public const string DefaultPendingSchedule = "*/10 * * * * *";

    /// <summary>Locally an upload no delivery reached is found within seconds; Azure's default is every minute.</summary>
    public const string DefaultReconcileSchedule = "*/15 * * * * *";
}
