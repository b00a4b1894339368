using DanVan.Core.Calendar;

namespace DanVan.Pipeline.Ingest;

/// <summary>
/// Where an upload sits in the uploads container: <c>{unitCode}/{periodKey}/{fileName}</c>. The unit is the
/// one the uploader was authorised to write for (portal key, `danvan submit --unit`, or a SAS scoped to the
/// prefix), never guessed from the file.
/// </summary>
public sealed record UploadPath(string? UnitCode, PeriodKey? Period, string FileName)
{
    public static UploadPath Parse(string blobName)
    {
        var parts = blobName.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var fileName = parts.Length > 0 ? parts[^1] : blobName;
        if (parts.Length != 3)
        {
            return new UploadPath(null, null, fileName);
        }
        return new UploadPath(
            IsUnitCode(parts[0]) ? parts[0] : null,
            PeriodKey.TryParse(parts[1], out var p) ? p : null,
            fileName);
    }

    public static string For(string unitCode, PeriodKey period, string fileName) => $"{unitCode}/{period}/{Path.GetFileName(fileName)}";

    private static bool IsUnitCode(string s) => s.Length is > 0 and <= 40 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
