using DanVan.Pipeline.Storage;

namespace DanVan.Pipeline;

/// <summary>Setting names both hosts read (Azure Functions app settings and the self-host's configuration).</summary>
public static class SettingNames
{
    /// <summary>The storage connection the blob trigger and the pipeline use.</summary>
    public const string StorageConnection = "DanVanStorage";

    /// <summary>The Functions host's (and the WebJobs SDK's) own storage.</summary>
    public const string HostStorageConnection = "AzureWebJobsStorage";

    public const string ConsolidationSchedule = "DanVan:ConsolidationSchedule";
    public const string NightlySchedule = "DanVan:NightlySchedule";
    public const string PendingSchedule = "DanVan:PendingSchedule";

    /// <summary>When the reminder timer looks for reminders due; daily at 08:00 Vietnam time by default.</summary>
    public const string ReminderSchedule = "DanVan:ReminderSchedule";

    /// <summary>08:00 Vietnam time (01:00 UTC) daily: reminders are recorded at the start of the working day.</summary>
    public const string DefaultReminderSchedule = "0 0 1 * * *";

    /// <summary>How often uploads without an answer are looked for (reconciliation).</summary>
    public const string ReconcileSchedule = "DanVan:ReconcileSchedule";

    /// <summary>Locally an upload no delivery reached is found within seconds; on Azure (infra/main.bicep) every minute.</summary>
    public const string LocalReconcileSchedule = "*/15 * * * * *";

    /// <summary>Locally a workbook follows an upload within seconds; on Azure (infra/main.bicep) every 5 minutes.</summary>
    public const string LocalPendingSchedule = "*/10 * * * * *";
}

/// <summary>The triggers both hosts declare: one name, one binding expression each.</summary>
public static class FunctionNames
{
    public const string IngestUpload = nameof(IngestUpload);
    public const string ConsolidateOnSchedule = nameof(ConsolidateOnSchedule);
    public const string ConsolidateNightly = nameof(ConsolidateNightly);
    public const string ConsolidatePending = nameof(ConsolidatePending);
    public const string IngestQueued = nameof(IngestQueued);
    public const string ReconcileUploads = nameof(ReconcileUploads);
    public const string RemindDaily = nameof(RemindDaily);

    /// <summary>The blob trigger's path: every file landing in uploads/.</summary>
    public const string UploadsPath = StorageNames.Uploads + "/{name}";

    /// <summary>Timer expressions read the CRON from a setting (%name% is resolved by either host).</summary>
    public const string ConsolidationTimer = "%" + SettingNames.ConsolidationSchedule + "%";
    public const string NightlyTimer = "%" + SettingNames.NightlySchedule + "%";
    public const string PendingTimer = "%" + SettingNames.PendingSchedule + "%";
    public const string ReconcileTimer = "%" + SettingNames.ReconcileSchedule + "%";
    public const string ReminderTimer = "%" + SettingNames.ReminderSchedule + "%";
}
