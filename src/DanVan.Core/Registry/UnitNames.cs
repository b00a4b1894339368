using System.Globalization;
using System.Text;

namespace DanVan.Core.Registry;

/// <summary>Folds unit names for lookup: diacritics, NFC/NFD, case, đ/Đ and administrative prefixes.</summary>
public static class UnitNames
{
    private static readonly string[] Prefixes =
    [
        "uy ban nhan dan", "ubnd", "thanh pho", "thi xa", "thi tran", "huyen", "phuong", "xa", "dac khu", "tp.", "tp",
    ];

    public static string Key(string name)
    {
        var folded = Fold(name);
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var prefix in Prefixes)
            {
                if (folded.StartsWith(prefix + " ", StringComparison.Ordinal) || (prefix.EndsWith('.') && folded.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    folded = folded[prefix.Length..].TrimStart();
                    changed = true;
                }
            }
        }
        return folded;
    }

    /// <summary>Lower-case, diacritics removed, whitespace collapsed.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            sb.Append(c switch { 'đ' or 'Đ' => 'd', _ => char.ToLowerInvariant(c) });
        }
        return string.Join(' ', sb.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
