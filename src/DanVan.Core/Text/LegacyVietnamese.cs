using System.Globalization;
using System.Text;

namespace DanVan.Core.Text;

/// <summary>Which legacy 8-bit Vietnamese encoding a garbled string was typed in.</summary>
public enum LegacyEncoding
{
    None,
    /// <summary>TCVN 5712:1993 (VN3, "ABC" fonts such as .VnTime): one byte per letter.</summary>
    Tcvn3,
    /// <summary>VNI-Windows (VNI-Times): a base letter followed by a mark byte.</summary>
    Vni,
}

/// <summary>
/// Repairs text typed with legacy Vietnamese fonts. Excel stores such text as the Windows-1252 reading
/// of the font's bytes, so "Quảng Ngãi" typed in .VnTime arrives as "Qu¶ng Ng·i" and typed in VNI-Times
/// as "Quaûng Ngaõi". Conversion is applied only when the text cannot be Unicode Vietnamese (it holds a
/// Latin-1 character that is no Vietnamese letter) and the conversion yields well-formed Vietnamese;
/// short strings made only of letters both encodings share stay as they are (we never guess).
/// </summary>
public static class LegacyVietnamese
{
    // TCVN3 byte (= Latin-1 code point) → Unicode; standard VN3 table, lower-case letters and Ă Â Ê Ô Ơ Ư Đ.
    private static readonly Dictionary<char, string> Tcvn3 = BuildTcvn3();

    // VNI mark bytes: the combining marks they add to the preceding vowel.
    private static readonly Dictionary<char, string> VniMarks = BuildVniMarks();

    // VNI bytes that are whole letters on their own.
    private static readonly Dictionary<char, string> VniLetters = new()
    {
        ['ô'] = "ơ", ['Ô'] = "Ơ", ['ö'] = "ư", ['Ö'] = "Ư", ['ñ'] = "đ", ['Ñ'] = "Đ",
        ['í'] = "í", ['Í'] = "Í", ['ì'] = "ì", ['Ì'] = "Ì", ['æ'] = "ỉ", ['Æ'] = "Ỉ",
        ['ó'] = "ĩ", ['Ó'] = "Ĩ", ['ò'] = "ị", ['Ò'] = "Ị", ['î'] = "ỵ", ['Î'] = "Ỵ",
    };

    // Latin-1 letters that Unicode Vietnamese uses; any other Latin-1 character means legacy bytes.
    private const string VietnameseLatin1 = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý";

    private const string ToneMarks = "\u0300\u0301\u0303\u0309\u0323";

    /// <summary>NFC text, converted from TCVN3 or VNI when it is recognisably one of them.</summary>
    public static string Repair(string text) => Repair(text, out _);

    public static string Repair(string text, out LegacyEncoding detected)
    {
        detected = Detect(text);
        var result = detected switch
        {
            LegacyEncoding.Tcvn3 => FromTcvn3(text),
            LegacyEncoding.Vni => FromVni(text),
            _ => text,
        };
        return result.Normalize(NormalizationForm.FormC);
    }

    public static LegacyEncoding Detect(string text)
    {
        if (!LooksGarbled(text))
        {
            return LegacyEncoding.None;
        }
        var tcvnOk = IsWellFormed(FromTcvn3(text));
        var vniOk = IsWellFormed(FromVni(text));
        if (tcvnOk && vniOk)
        {
            // Both readings are letters only: decide by the evidence each encoding leaves.
            var vni = VniEvidence(text);
            var tcvn = text.Count(c => Tcvn3.ContainsKey(c) && !VniMarks.ContainsKey(c) && !VniLetters.ContainsKey(c));
            return vni > tcvn ? LegacyEncoding.Vni : tcvn > vni ? LegacyEncoding.Tcvn3 : LegacyEncoding.None;
        }
        return tcvnOk ? LegacyEncoding.Tcvn3 : vniOk ? LegacyEncoding.Vni : LegacyEncoding.None;
    }

    public static string FromTcvn3(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(Tcvn3.TryGetValue(c, out var u) ? u : c.ToString());
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    public static string FromVni(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        var lastBase = '\0';
        foreach (var c in text)
        {
            if (VniMarks.TryGetValue(c, out var marks) && AcceptsMarks(lastBase, marks))
            {
                sb.Append(marks);
                lastBase = '\0';
                continue;
            }
            if (VniLetters.TryGetValue(c, out var letter))
            {
                sb.Append(letter);
                // ơ and ư take a tone byte after them ("ngöôøi" = người).
                lastBase = letter is "ơ" or "Ơ" or "ư" or "Ư" ? letter[0] : '\0';
                continue;
            }
            sb.Append(c);
            lastBase = "aeiouyAEIOUY".Contains(c) ? c : '\0';
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool AcceptsMarks(char vowel, string marks)
    {
        if (vowel == '\0')
        {
            return false;
        }
        var lower = char.ToLowerInvariant(vowel);
        if (marks.Contains('\u0306'))
        {
            return lower == 'a';
        }
        if (marks.Contains('\u0302'))
        {
            return lower is 'a' or 'e' or 'o';
        }
        return true;
    }

    private static bool LooksGarbled(string text)
    {
        foreach (var c in text)
        {
            if (c >= '\u0100')
            {
                // Real Unicode Vietnamese beyond Latin-1 (ă, đ, ơ, ư, ạ…): the text is already Unicode.
                if (c is (>= '\u0102' and <= '\u01B0') or (>= '\u1EA0' and <= '\u1EF9'))
                {
                    return false;
                }
            }
        }
        return text.Any(c => c is >= '\u00A1' and <= '\u00FF' && !VietnameseLatin1.Contains(c));
    }

    /// <summary>Letters only (no stray Latin-1 symbols), no leftover combining marks, at most one tone per word.</summary>
    private static bool IsWellFormed(string converted)
    {
        foreach (var c in converted)
        {
            if (c is >= '\u00A1' and <= '\u00FF' && !VietnameseLatin1.Contains(c))
            {
                return false;
            }
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                return false;
            }
        }
        foreach (var word in converted.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Normalize(NormalizationForm.FormD).Count(ToneMarks.Contains) > 1)
            {
                return false;
            }
        }
        return true;
    }

    private static int VniEvidence(string text)
    {
        var n = 0;
        for (var i = 1; i < text.Length; i++)
        {
            if (VniMarks.ContainsKey(text[i]) && "aeiouyAEIOUYôöÔÖ".Contains(text[i - 1]))
            {
                n++;
            }
        }
        return n + text.Count(c => c is 'ö' or 'Ö' or 'ñ' or 'Ñ' or 'ô' or 'Ô');
    }

    private static Dictionary<char, string> BuildTcvn3()
    {
        var map = new Dictionary<char, string>();
        void Row(string unicode, params int[] bytes)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                map[(char)bytes[i]] = unicode[i].ToString();
            }
        }
        Row("ĂÂÊÔƠƯĐăâêôơưđ", 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE);
        Row("àảãáạ", 0xB5, 0xB6, 0xB7, 0xB8, 0xB9);
        Row("ằẳẵắặ", 0xBB, 0xBC, 0xBD, 0xBE, 0xC6);
        Row("ầẩẫấậ", 0xC7, 0xC8, 0xC9, 0xCA, 0xCB);
        Row("èẻẽéẹ", 0xCC, 0xCE, 0xCF, 0xD0, 0xD1);
        Row("ềểễếệ", 0xD2, 0xD3, 0xD4, 0xD5, 0xD6);
        Row("ìỉĩíị", 0xD7, 0xD8, 0xDC, 0xDD, 0xDE);
        Row("òỏõóọ", 0xDF, 0xE1, 0xE2, 0xE3, 0xE4);
        Row("ồổỗốộ", 0xE5, 0xE6, 0xE7, 0xE8, 0xE9);
        Row("ờởỡớợ", 0xEA, 0xEB, 0xEC, 0xED, 0xEE);
        Row("ùủũúụ", 0xEF, 0xF1, 0xF2, 0xF3, 0xF4);
        Row("ừửữứự", 0xF5, 0xF6, 0xF7, 0xF8, 0xF9);
        Row("ỳỷỹýỵ", 0xFA, 0xFB, 0xFC, 0xFD, 0xFE);
        return map;
    }

    private static Dictionary<char, string> BuildVniMarks()
    {
        const string acute = "\u0301", grave = "\u0300", hook = "\u0309", tilde = "\u0303", dot = "\u0323";
        const string circ = "\u0302", breve = "\u0306";
        var pairs = new (string Chars, string Marks)[]
        {
            ("ùÙ", acute), ("øØ", grave), ("ûÛ", hook), ("õÕ", tilde), ("ïÏ", dot),
            ("âÂ", circ), ("áÁ", circ + acute), ("àÀ", circ + grave), ("åÅ", circ + hook), ("ãÃ", circ + tilde), ("äÄ", circ + dot),
            ("êÊ", breve), ("éÉ", breve + acute), ("èÈ", breve + grave), ("úÚ", breve + hook), ("üÜ", breve + tilde), ("ëË", breve + dot),
        };
        var map = new Dictionary<char, string>();
        foreach (var (chars, marks) in pairs)
        {
            foreach (var c in chars)
            {
                map[c] = marks;
            }
        }
        return map;
    }
}
