using System.Globalization;
using System.Text.RegularExpressions;

namespace DanVan.Core.Ingest;

/// <summary>A1-style cell address (1-based row and column).</summary>
public readonly record struct CellAddress(int Row, int Column)
{
    public const int MaxRow = 1_048_576;
    public const int MaxColumn = 16_384;

    public override string ToString() => ColumnName(Column) + Row.ToString(CultureInfo.InvariantCulture);

    public static string ColumnName(int column)
    {
        var name = string.Empty;
        while (column > 0)
        {
            var r = (column - 1) % 26;
            name = (char)('A' + r) + name;
            column = (column - 1) / 26;
        }
        return name;
    }

    public static bool TryParse(string? text, out CellAddress address)
    {
        address = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var i = 0;
        var column = 0;
        while (i < text.Length && char.IsAsciiLetter(text[i]) && i < 3)
        {
            column = column * 26 + (char.ToUpperInvariant(text[i]) - 'A' + 1);
            i++;
        }
        if (i == 0 || i == text.Length || !int.TryParse(text.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out var row))
        {
            return false;
        }
        address = new CellAddress(row, column);
        return row is >= 1 and <= MaxRow && column is >= 1 and <= MaxColumn;
    }
}

/// <summary>A defined name's target: one cell on one sheet, e.g. <c>'Báo cáo'!$D$18</c>.</summary>
public sealed partial record SheetCell(string Sheet, CellAddress Address)
{
    public static SheetCell? Parse(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }
        var m = Reference().Match(reference.Trim());
        if (!m.Success)
        {
            return null;
        }
        var sheet = m.Groups["q"].Success ? m.Groups["q"].Value.Replace("''", "'", StringComparison.Ordinal) : m.Groups["s"].Value;
        return CellAddress.TryParse(m.Groups["c"].Value + m.Groups["r"].Value, out var address) ? new SheetCell(sheet, address) : null;
    }

    [GeneratedRegex(@"^=?(?:'(?<q>(?:[^']|'')+)'|(?<s>[^!'\s]+))!\$?(?<c>[A-Za-z]{1,3})\$?(?<r>\d+)(?::\$?[A-Za-z]{1,3}\$?\d+)?$")]
    private static partial Regex Reference();
}
