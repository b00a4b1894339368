using System.Text;

namespace DanVan.Core.Text;

/// <summary>A small RFC 4180 reader for the seed files (quoted fields, doubled quotes, CRLF or LF).</summary>
public static class Csv
{
    public static IReadOnlyList<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': row.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    row.Add(field.ToString()); field.Clear();
                    rows.Add([.. row]); row.Clear();
                    break;
                default: field.Append(c); break;
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }
        return rows.Where(r => !(r.Length == 1 && r[0].Length == 0)).ToArray();
    }
}

/// <summary>A CSV with a header row, read by column name; errors name the file, line and column.</summary>
public static class CsvTable
{
    public static IReadOnlyList<Row> Read(string text, string fileName, params string[] requiredColumns)
    {
        var rows = Csv.Parse(text.TrimStart('\uFEFF'));
        if (rows.Count == 0)
        {
            throw new FormatException($"{fileName} is empty.");
        }
        var header = rows[0].Select(h => h.Trim()).ToArray();
        foreach (var c in requiredColumns.Where(c => !header.Contains(c, StringComparer.Ordinal)))
        {
            throw new FormatException($"{fileName} lacks column '{c}'.");
        }
        var index = header.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => p.i, StringComparer.Ordinal);
        return rows.Skip(1).Select((r, i) => new Row(fileName, i + 2, index, r)).ToArray();
    }

    public static DateOnly ParseDate(string text, Row row) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? d
            : throw row.Error($"'{text}' is not a date yyyy-MM-dd");

    /// <summary>One data row; <see cref="Line"/> counts the header as line 1.</summary>
    public sealed class Row(string fileName, int line, IReadOnlyDictionary<string, int> index, string[] cells)
    {
        public int Line { get; } = line;

        public bool Has(string column) => index.ContainsKey(column);

        /// <summary>The trimmed cell, or null when the column is absent or the cell blank.</summary>
        public string? Optional(string column) =>
            index.TryGetValue(column, out var i) && i < cells.Length && !string.IsNullOrWhiteSpace(cells[i]) ? cells[i].Trim() : null;

        public string Required(string column) => Optional(column) ?? throw Error($"column '{column}' is blank");

        public DateOnly Date(string column) => ParseDate(Required(column), this);

        public DateOnly? OptionalDate(string column) => Optional(column) is { } s ? ParseDate(s, this) : null;

        public FormatException Error(string message) => new($"{fileName}, line {Line}: {message}.");
    }
}
