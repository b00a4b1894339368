namespace DanVan.Pipeline;

/// <summary>Setting names both hosts read (Azure Functions app settings and the self-host's configuration).</summary>
public static class SettingNames
{
    /// <summary>The storage connection the blob trigger and the pipeline use.</summary>
    public const string StorageConnection = "DanVanStorage";

    public const string ConsolidationSchedule = "DanVan:ConsolidationSchedule";
    public const string NightlySchedule = "DanVan:NightlySchedule";
    public const string PendingSchedule = "DanVan:PendingSchedule";

    /// <summary>How often uploads without an answer are looked for (reconciliation).</summary>
    public const string ReconcileSchedule = "DanVan:ReconcileSchedule";
}
