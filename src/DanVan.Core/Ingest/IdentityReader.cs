using System.Globalization;
using DanVan.Core.Calendar;
using DanVan.Core.Templates;

namespace DanVan.Core.Ingest;

/// <summary>
/// Finds a template's identity: first through the DV__ defined names (they follow the cells wherever
/// a program moves them), then the very hidden sheet by name and position (all an .xls offers), then the
/// custom document properties.
/// </summary>
internal static class IdentityReader
{
    public enum Status
    {
        Found,
        Missing,
        Damaged,
    }

    public static Status Read(IWorkbookReader reader, out TemplateIdentity? identity)
    {
        identity = null;
        var fields = FromDefinedNames(reader);
        if (!fields.ContainsKey(TemplateNames.TemplateIdKey))
        {
            fields = FromHiddenSheet(reader);
        }
        if (!fields.ContainsKey(TemplateNames.TemplateIdKey))
        {
            fields = reader.CustomProperties();
        }
        if (!fields.TryGetValue(TemplateNames.TemplateIdKey, out var id) || string.IsNullOrWhiteSpace(id))
        {
            return Status.Missing;
        }
        if (!Int(fields, TemplateNames.TemplateVersionKey, out var templateVersion)
            || !Int(fields, TemplateNames.CatalogueVersionKey, out var catalogueVersion)
            || !fields.TryGetValue(TemplateNames.UnitKey, out var unit) || string.IsNullOrWhiteSpace(unit)
            || !PeriodKey.TryParse(fields.GetValueOrDefault(TemplateNames.PeriodKey), out var period))
        {
            identity = new TemplateIdentity(Clip(id), 0, 0, Clip(fields.GetValueOrDefault(TemplateNames.UnitKey)), default);
            return Status.Damaged;
        }
        identity = new TemplateIdentity(Clip(id), templateVersion, catalogueVersion, Clip(unit), period);
        return Status.Found;
    }

    // A file chooses its identity strings' length; what we keep of them (messages, table properties) is ours.
    private static string Clip(string? text) => TextClip.Clip(text?.Trim(), TextClip.InMessage);

    private static Dictionary<string, string> FromDefinedNames(IWorkbookReader reader)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var targets = new List<(string Key, SheetCell Cell)>();
        foreach (var (name, key) in TemplateNames.IdentityFields)
        {
            if (reader.DefinedNames.TryGetValue(name, out var reference) && SheetCell.Parse(reference) is { } cell)
            {
                targets.Add((key, cell));
            }
        }
        foreach (var group in targets.GroupBy(t => t.Cell.Sheet, StringComparer.OrdinalIgnoreCase))
        {
            if (reader.SheetName(group.Key) is not { } sheet)
            {
                continue;
            }
            var wanted = group.Select(t => t.Cell.Address).ToHashSet();
            var cells = reader.ReadCells(sheet, wanted.Contains);
            foreach (var (key, cell) in group)
            {
                if (cells.TryGetValue(cell.Address, out var content) && AsText(content) is { } text)
                {
                    fields[key] = text;
                }
            }
        }
        return fields;
    }

    private static Dictionary<string, string> FromHiddenSheet(IWorkbookReader reader)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.SheetName(TemplateNames.IdentitySheet) is not { } sheet)
        {
            return fields;
        }
        var wanted = new HashSet<CellAddress>();
        for (var row = 1; row <= 20; row++)
        {
            wanted.Add(new CellAddress(row, 1));
            wanted.Add(new CellAddress(row, 2));
        }
        var cells = reader.ReadCells(sheet, wanted.Contains);
        for (var row = 1; row <= 20; row++)
        {
            if (cells.TryGetValue(new CellAddress(row, 1), out var k) && AsText(k) is { } key
                && cells.TryGetValue(new CellAddress(row, 2), out var v) && AsText(v) is { } value)
            {
                fields[key] = value;
            }
        }
        return fields;
    }

    private static string? AsText(CellContent content) => content.Kind switch
    {
        CellKind.Text => content.Text.Trim(),
        CellKind.Number => content.Number.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static bool Int(Dictionary<string, string> fields, string key, out int value)
    {
        value = 0;
        return fields.TryGetValue(key, out var text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && d == Math.Floor(d) && d is >= 1 and <= 10_000
            && (value = (int)d) > 0;
    }
}
