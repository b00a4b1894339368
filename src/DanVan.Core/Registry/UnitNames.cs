using System.Globalization;
using System.Text;

namespace DanVan.Core.Registry;

/// <summary>Folds unit names for lookup: diacritics, NFC/NFD, case, đ/Đ, punctuation and administrative prefixes.</summary>
public static class UnitNames
{
    // Longest first so "thi xa" wins over "xa"; dotted abbreviations may be glued to the name ("TP.Quảng Ngãi").
    private static readonly string[] Prefixes =
    [
        "uy ban nhan dan", "ubnd", "thanh pho", "thi xa", "thi tran", "dac khu", "huyen", "phuong", "xa",
        "tp.", "tx.", "tt.", "p.", "x.", "h.", "tp",
    ];

    /// <summary>The lookup key: folded, prefixes removed, punctuation as spaces.</summary>
    public static string Key(string name) => StripPunctuation(StripPrefixes(Fold(name)));

    /// <summary>
    /// Like <see cref="Key"/> but keeps diacritics (NFC, lower case): tells "Ba Tô" from "Ba Tơ" when
    /// the folded keys collide.
    /// </summary>
    public static string ExactKey(string name)
    {
        var lower = string.Join(' ', name.Normalize(NormalizationForm.FormC).ToLowerInvariant()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        // Strip the same number of leading words as the folded form lost to prefixes.
        var folded = Fold(name);
        var stripped = StripPrefixes(folded);
        var dropped = folded.Length - stripped.Length;
        return StripPunctuation(dropped > 0 && dropped <= lower.Length ? lower[dropped..].TrimStart() : lower);
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

    private static string StripPrefixes(string folded)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var prefix in Prefixes)
            {
                var glued = prefix.EndsWith('.') && folded.StartsWith(prefix, StringComparison.Ordinal);
                if ((glued || folded.StartsWith(prefix + " ", StringComparison.Ordinal)) && folded.Length > prefix.Length)
                {
                    folded = folded[prefix.Length..].TrimStart();
                    changed = true;
                    break;
                }
            }
        }
        return folded;
    }

    // "Lao động - Thương binh", "Lao động, Thương binh" and "Ia H' Drai" / "Ia H'Drai" compare equal.
    private static string StripPunctuation(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }
        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
