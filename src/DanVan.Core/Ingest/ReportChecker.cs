using System.Globalization;
using System.Xml;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Templates;
using DanVan.Core.Text;
using DocumentFormat.OpenXml.Packaging;

namespace DanVan.Core.Ingest;

/// <summary>
/// Reads and validates one uploaded file; never throws for a bad file, always answers with every
/// problem at once. Order: bytes (size, format, macros, encryption, zip budget) → identity (ours,
/// version, unit, period, lock) → cells found through defined names, else the hidden code column → values →
/// cross-field rules. An .xls (Excel 97–2003) goes through the same steps; only the reader differs.
/// </summary>
public static class ReportChecker
{
    public static CheckResult Check(Stream file, string fileName, CheckContext context)
    {
        try
        {
            return CheckCore(file, context);
        }
        catch (CellBudgetExceededException)
        {
            return CheckResult.Rejected(null, [Messages.TooManyCells(context.Limits.MaxCells)]);
        }
        catch (Exception ex) when (IsBrokenFile(ex))
        {
            return CheckResult.Rejected(null, [Messages.Corrupt()]);
        }
        catch (Exception)
        {
            // Contract: a file never makes the checker throw; whatever went wrong, the uploader gets an answer.
            return CheckResult.Rejected(null, [Messages.Unexpected()]);
        }
    }

    private static bool IsBrokenFile(Exception ex) =>
        ex is XmlException or InvalidDataException or OpenXmlPackageException or FileFormatException or IOException
        || (ex is InvalidOperationException && ex.Source?.StartsWith("DocumentFormat", StringComparison.Ordinal) == true)
        // ExcelDataReader's own exceptions, and what its record parsing throws on a record cut short.
        || ex.Source?.StartsWith("ExcelDataReader", StringComparison.Ordinal) == true;

    private static CheckResult CheckCore(Stream file, CheckContext context)
    {
        var bytes = FileGate.ReadAll(file, context.Limits, out var sizeProblem);
        if (bytes is null)
        {
            return CheckResult.Rejected(null, [sizeProblem!]);
        }
        if (FileGate.Inspect(bytes, context.Limits, out var legacy) is { } fileProblem)
        {
            return CheckResult.Rejected(null, [fileProblem]);
        }
        using IWorkbookReader reader = legacy is not null ? XlsReader.Open(legacy, context.Limits) : XlsxReader.Open(bytes, context.Limits);
        reader.EnforceCellBudget();
        switch (IdentityReader.Read(reader, out var identity))
        {
            case IdentityReader.Status.Missing:
                return CheckResult.Rejected(null, [Messages.NotTemplate()]);
            case IdentityReader.Status.Damaged:
                return CheckResult.Rejected(identity, [Messages.DamagedIdentity()]);
        }
        var id = identity!;
        if (!string.Equals(id.TemplateId, TemplateNames.ReportTemplateId, StringComparison.Ordinal))
        {
            return CheckResult.Rejected(id, [Messages.UnknownTemplate(id.TemplateId)]);
        }
        var catalogue = context.Catalogues.Find(id.CatalogueVersion);
        if (id.TemplateVersion > TemplateWriter.CurrentVersion || catalogue is null)
        {
            return CheckResult.Rejected(id, [Messages.UnsupportedVersion(id.TemplateVersion, id.CatalogueVersion)]);
        }

        var problems = new List<Problem>();
        CheckWhoAndWhen(id, context, problems);
        CheckCatalogueVersion(id, catalogue, context, problems);
        var values = ReadValues(reader, catalogue, problems, out var entered);
        CheckRules(catalogue, values, problems);
        // A template sent back untouched is a mistake, not a report of zero activity.
        if (values.Where(v => v.Indicator.IsNumeric).All(v => v.Value.Number is null) && !problems.Any(p => p.Severity == Severity.Error))
        {
            problems.Insert(0, Messages.EmptyReport());
        }

        if (problems.Any(p => p.Severity == Severity.Error))
        {
            return CheckResult.Rejected(id, problems) with { Entered = entered };
        }
        var outcome = problems.Count > 0 ? SubmissionOutcome.AcceptedWithWarnings : SubmissionOutcome.Accepted;
        return new CheckResult(outcome, id, values.Select(v => v.Value).ToArray(), problems) { Entered = entered };
    }

    private static void CheckWhoAndWhen(TemplateIdentity id, CheckContext context, List<Problem> problems)
    {
        var period = context.Calendar.Get(id.Period);
        var unit = context.Registry.FindByCode(id.UnitCode, period.WindowEnd);
        if (unit is null)
        {
            problems.Add(Messages.UnknownUnit(id.UnitCode));
        }
        if (context.UploaderUnitCode is { } uploader && !string.Equals(uploader.Trim(), id.UnitCode, StringComparison.OrdinalIgnoreCase))
        {
            var uploaderUnit = context.Registry.FindByCode(uploader, period.WindowEnd)
                ?? context.Registry.FindByCode(uploader, context.Calendar.VietnamDate(context.NowUtc));
            problems.Add(Messages.UnitMismatch(unit?.Name ?? id.UnitCode, period.NameVi, uploaderUnit?.Name ?? uploader));
        }
        if (context.PathPeriod is { } pathPeriod && pathPeriod != id.Period)
        {
            problems.Add(Messages.PeriodMismatch(period.NameVi, ReportingCalendar.NameVi(pathPeriod)));
        }
        if (!context.Calendar.HasStarted(period, context.NowUtc))
        {
            problems.Add(Messages.PeriodNotStarted(period.NameVi, ViFormat.Date(period.WindowStart)));
        }
        else if (period.IsClosed(context.NowUtc) && !context.IsReopenedFor(id.UnitCode, id.Period))
        {
            var closed = context.Calendar.ToVietnamTime(period.CloseUtc);
            var at = closed.ToString("HH:mm", CultureInfo.InvariantCulture) + " ngày " + ViFormat.Date(DateOnly.FromDateTime(closed.DateTime));
            problems.Add(Messages.PeriodClosed(period.NameVi, at));
        }
    }

    /// <summary>
    /// The period decides the catalogue version (<c>seeds/catalogue/versions.csv</c>). An older template is read by
    /// its own version with a warning (reporting-rules §4: older templates of the same period stay readable);
    /// a newer one cannot have been issued for the period and is refused.
    /// </summary>
    private static void CheckCatalogueVersion(TemplateIdentity id, IndicatorCatalogue catalogue, CheckContext context, List<Problem> problems)
    {
        var inForce = context.Catalogues.For(id.Period);
        if (catalogue.Version == inForce.Version)
        {
            return;
        }
        var periodName = ReportingCalendar.NameVi(id.Period);
        if (catalogue.Version > inForce.Version)
        {
            problems.Add(Messages.CatalogueTooNew(catalogue.Version, inForce.Version, periodName));
            return;
        }
        var added = inForce.Inputs.Where(i => catalogue.Find(i.Code) is null).Select(i => i.NameVi).ToArray();
        problems.Add(Messages.CatalogueOlder(catalogue.Version, inForce.Version, periodName, added));
    }

    private static List<ReadValue> ReadValues(IWorkbookReader reader, IndicatorCatalogue catalogue, List<Problem> problems, out Dictionary<string, CellContent> entered)
    {
        entered = new Dictionary<string, CellContent>(StringComparer.Ordinal);
        var located = new List<(Indicator Indicator, SheetCell Cell)>();
        Dictionary<string, SheetCell>? byCodeColumn = null;
        foreach (var indicator in catalogue.Inputs)
        {
            if (reader.DefinedNames.TryGetValue(TemplateNames.ForIndicator(indicator.Code), out var reference)
                && SheetCell.Parse(reference) is { } cell && reader.SheetName(cell.Sheet) is not null)
            {
                located.Add((indicator, cell));
            }
            // A name lost (copy-and-paste, an old tool, an .xls) or broken: the hidden code column still says where the row is.
            else if ((byCodeColumn ??= CodeColumn.Locate(reader, catalogue)).TryGetValue(indicator.Code, out var found))
            {
                located.Add((indicator, found));
            }
            else
            {
                problems.Add(Messages.MissingCell(indicator));
            }
        }
        var contents = new Dictionary<SheetCell, CellContent>();
        foreach (var group in located.GroupBy(l => l.Cell.Sheet, StringComparer.OrdinalIgnoreCase))
        {
            var wanted = group.Select(g => g.Cell.Address).ToHashSet();
            var cells = reader.ReadCells(reader.SheetName(group.Key)!, wanted.Contains);
            foreach (var (_, cell) in group)
            {
                contents[cell] = cells.GetValueOrDefault(cell.Address) ?? CellContent.Blank;
            }
        }

        var values = new List<ReadValue>();
        foreach (var (indicator, cell) in located)
        {
            var content = contents[cell];
            entered[indicator.Code] = content;
            var sheetName = reader.SheetName(cell.Sheet)!;
            if (ValueReader.Read(indicator, sheetName, cell.Address.ToString(), content, problems) is { } value)
            {
                values.Add(new ReadValue(indicator, sheetName, value));
            }
        }
        return values;
    }

    private static void CheckRules(IndicatorCatalogue catalogue, List<ReadValue> values, List<Problem> problems)
    {
        var byCode = values.ToDictionary(v => v.Indicator.Code, StringComparer.Ordinal);
        foreach (var indicator in catalogue.Inputs)
        {
            if (indicator.Rule is not { } rule
                || !byCode.TryGetValue(rule.Left, out var left) || left.Value.Number is not { } l
                || !byCode.TryGetValue(rule.Right, out var right) || right.Value.Number is not { } r
                || rule.Holds(l, r))
            {
                continue;
            }
            var message = Messages.RuleBroken(rule, left.Indicator, left.Value.Cell!, l, right.Indicator, right.Value.Cell!, r);
            var code = rule.Severity == Severity.Error ? ProblemCodes.RuleBroken : ProblemCodes.RuleWarning;
            problems.Add(new Problem(rule.Severity, code, message, left.Sheet, left.Value.Cell, left.Indicator.Code));
        }
    }

    private sealed record ReadValue(Indicator Indicator, string Sheet, ReportValue Value);
}
