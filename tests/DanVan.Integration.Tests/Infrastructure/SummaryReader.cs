using ClosedXML.Excel;
using DanVan.Core.Catalogue;

namespace DanVan.Integration.Tests.Infrastructure;

/// <summary>Reads figures back from a published consolidated workbook, by labels as a reader would, not by fixed cells.</summary>
public sealed class SummaryReader(XLWorkbook workbook)
{
    public const string SummarySheet = "Tổng hợp";

    public static SummaryReader Open(BinaryData content) => new(new XLWorkbook(content.ToStream()));

    public XLWorkbook Workbook => workbook;

    /// <summary>The value in the indicator table of "Tổng hợp" for an indicator and a column header (e.g. the province column).</summary>
    public object? Figure(string indicatorCode, Func<string, bool> columnHeader)
    {
        var ws = workbook.Worksheet(SummarySheet);
        // The workbook shows the label of the newest version its period used: any version's label of the code will do.
        var labels = CatalogueSet.Default.Versions.Select(v => v.Find(indicatorCode)?.NameVi).OfType<string>().ToHashSet();
        var header = ws.RowsUsed().First(r => r.Cell(2).GetString() == "Chỉ tiêu");
        var column = header.CellsUsed().First(c => columnHeader(c.GetString())).Address.ColumnNumber;
        var row = ws.RowsUsed().First(r => r.RowNumber() > header.RowNumber() && labels.Contains(r.Cell(2).GetString()));
        var cell = row.Cell(column);
        return cell.IsEmpty() ? null : cell.Value;
    }

    public string AllText(string sheet) => string.Join("\n", workbook.Worksheet(sheet).CellsUsed().Select(c => c.GetString()));
}
