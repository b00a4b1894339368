namespace DanVan.Core.Ingest;

/// <summary>
/// One value read from a report. For numeric indicators <see cref="Number"/> is null when the cell was
/// left blank ("not reported", distinct from 0); for text indicators <see cref="Text"/> holds NFC text.
/// </summary>
public sealed record ReportValue(string IndicatorCode, long? Number, string? Text, string? Cell);
