using ClosedXML.Excel;
using DanVan.Core.Ingest;

namespace DanVan.Core.Tests.Corpus;

/// <summary>Writes and reopens feedback workbooks.</summary>
public static class Feedback
{
    /// <summary>The feedback for an upload (built from a fresh template: the upload's bytes are not needed, only its result).</summary>
    public static byte[] Write(byte[] upload, CheckResult result, string name = "baocao.xlsx")
    {
        _ = upload;
        using var output = new MemoryStream();
        FeedbackWorkbook.Write(name, result, World.Context(), output);
        return output.ToArray();
    }

    /// <summary>The rows of the problem sheet: (severity, sheet, cell, indicator, message).</summary>
    public static List<(string Severity, string Sheet, string Cell, string Indicator, string Message)> ListedProblems(byte[] feedback)
    {
        using var wb = new XLWorkbook(new MemoryStream(feedback));
        var ws = wb.Worksheet(FeedbackWorkbook.ProblemSheet);
        var header = ws.CellsUsed(c => c.GetString() == "STT").Single().Address.RowNumber;
        var rows = new List<(string, string, string, string, string)>();
        for (var r = header + 1; !ws.Cell(r, 2).IsEmpty(); r++)
        {
            rows.Add((ws.Cell(r, 2).GetString(), ws.Cell(r, 3).GetString(), ws.Cell(r, 4).GetString(), ws.Cell(r, 5).GetString(), ws.Cell(r, 6).GetString()));
        }
        return rows;
    }
}
