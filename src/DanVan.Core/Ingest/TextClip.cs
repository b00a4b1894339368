namespace DanVan.Core.Ingest;

/// <summary>
/// Every string taken from a file is clipped before it reaches a message, a table property or a cell: a file
/// decides how long its strings are, we decide how much of them we repeat.
/// </summary>
public static class TextClip
{
    /// <summary>Enough for any identity field, unit code or value a clerk could mean.</summary>
    public const int InMessage = 100;

    /// <summary>A file name as stored and shown.</summary>
    public const int FileName = 200;

    /// <summary>Excel's own limit for one cell.</summary>
    public const int InCell = 32_767;

    public static string Clip(string? text, int max)
    {
        if (string.IsNullOrEmpty(text) || text.Length <= max)
        {
            return text ?? string.Empty;
        }
        var cut = max - 1;
        // Never split a surrogate pair.
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }
        return text[..cut] + "…";
    }
}
