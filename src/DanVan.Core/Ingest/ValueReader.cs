using System.Globalization;
using DanVan.Core.Catalogue;
using DanVan.Core.Templates;
using DanVan.Core.Text;

namespace DanVan.Core.Ingest;

/// <summary>Turns one cell into one value of one indicator, or into problems for that cell.</summary>
internal static class ValueReader
{
    public static ReportValue? Read(Indicator indicator, string sheet, string cell, CellContent content, List<Problem> problems)
    {
        Problem Error(string code, string what) => Messages.CellProblem(Severity.Error, code, sheet, cell, indicator, what);

        switch (content.Kind)
        {
            case CellKind.FormulaWithoutValue:
                problems.Add(Error(ProblemCodes.FormulaWithoutValue, Messages.FormulaWithoutValue));
                return null;
            case CellKind.Error:
                problems.Add(Error(ProblemCodes.FormulaError, Messages.FormulaError(content.Text)));
                return null;
        }
        if (indicator.Kind == IndicatorKind.Text)
        {
            var text = content.Kind switch
            {
                CellKind.Text => LegacyVietnamese.Repair(content.Text).Trim(),
                CellKind.Number => content.Number.ToString(CultureInfo.InvariantCulture),
                CellKind.Boolean => content.Text,
                _ => string.Empty,
            };
            if (text.Length > TemplateWriter.TextLimit)
            {
                problems.Add(Error(ProblemCodes.TextTooLong, Messages.TextTooLong(text.Length, TemplateWriter.TextLimit)));
                return null;
            }
            return new ReportValue(indicator.Code, null, text.Length == 0 ? null : text, cell);
        }

        NumberStatus status;
        long number;
        string shown;
        switch (content.Kind)
        {
            case CellKind.Blank:
                problems.Add(Messages.CellProblem(Severity.Warning, ProblemCodes.Blank, sheet, cell, indicator, Messages.Blank));
                return new ReportValue(indicator.Code, null, null, cell);
            case CellKind.Number:
                status = NumberText.FromDouble(content.Number, out number);
                shown = Shown(content.Number);
                break;
            case CellKind.Text when string.IsNullOrWhiteSpace(content.Text):
                problems.Add(Messages.CellProblem(Severity.Warning, ProblemCodes.Blank, sheet, cell, indicator, Messages.Blank));
                return new ReportValue(indicator.Code, null, null, cell);
            case CellKind.Text:
                status = NumberText.Parse(content.Text, out number);
                shown = Clip(content.Text.Trim());
                break;
            default:
                status = NumberStatus.NotANumber;
                number = 0;
                shown = content.Text;
                break;
        }
        switch (status)
        {
            case NumberStatus.Ok:
                return new ReportValue(indicator.Code, number, null, cell);
            case NumberStatus.NotWhole:
                problems.Add(Error(ProblemCodes.NotWhole, Messages.NotWhole(shown)));
                break;
            case NumberStatus.Negative:
                problems.Add(Error(ProblemCodes.Negative, Messages.Negative(shown)));
                break;
            case NumberStatus.TooLarge:
                problems.Add(Error(ProblemCodes.ImplausiblyLarge, Messages.TooLargeValue(shown)));
                break;
            default:
                problems.Add(Error(ProblemCodes.NotANumber, Messages.NotANumber(shown)));
                break;
        }
        return null;
    }

    /// <summary>A stored number as a Vietnamese reader writes it: 1.234.567 or 1,5.</summary>
    private static string Shown(double number)
    {
        if (Math.Abs(number) < 1e15 && number == Math.Floor(number))
        {
            var text = ViFormat.Number((long)Math.Abs(number));
            return number < 0 ? "-" + text : text;
        }
        return number.ToString("0.##########", CultureInfo.InvariantCulture).Replace('.', ',');
    }

    private static string Clip(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
