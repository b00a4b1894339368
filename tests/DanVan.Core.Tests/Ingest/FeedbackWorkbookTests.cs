using ClosedXML.Excel;
using DanVan.Core.Ingest;
using DanVan.Core.Templates;
using DanVan.Core.Tests.Corpus;

namespace DanVan.Core.Tests.Ingest;

public sealed class FeedbackWorkbookTests
{
    [Fact]
    public void Marks_problem_cells_in_the_uploaders_own_workbook_and_lists_every_problem()
    {
        var values = World.FullValues();
        values["CC_HS_GIAIQUYET"] = "abc";
        values["LD_TINBAI"] = null;
        var upload = Filler.Fill(World.Template(), values);
        var result = World.Check(upload);
        var feedback = Feedback.Write(upload, result, "xa-tinh-khe.xlsx");

        var listed = Feedback.ListedProblems(feedback);
        Assert.Equal(2, listed.Count);
        var error = listed.Single(l => l.Indicator == "CC_HS_GIAIQUYET");
        Assert.Equal(("Lỗi", "BaoCao", WorkbookFacts.CellOf(upload, "CC_HS_GIAIQUYET")), (error.Severity, error.Sheet, error.Cell));
        Assert.Equal(result.Problems.Single(p => p.IndicatorCode == "CC_HS_GIAIQUYET").MessageVi, error.Message);
        Assert.Equal("Cảnh báo", listed.Single(l => l.Indicator == "LD_TINBAI").Severity);

        using var wb = new XLWorkbook(new MemoryStream(feedback));
        Assert.Equal(FeedbackWorkbook.ProblemSheet, wb.Worksheets.First().Name);
        var sheetTexts = wb.Worksheet(FeedbackWorkbook.ProblemSheet).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains("không được tiếp nhận", sheetTexts);
        Assert.Contains("xa-tinh-khe.xlsx", sheetTexts);
        var marked = wb.Worksheet(TemplateNames.ReportSheet).Cell(error.Cell);
        Assert.True(marked.HasComment);
        Assert.Contains("không phải là số", marked.Comment.Text);
        Assert.NotEqual(XLColor.NoColor, marked.Style.Fill.BackgroundColor);
        Assert.Equal("abc", marked.GetString());
        Assert.Equal(XLWorksheetVisibility.VeryHidden, wb.Worksheet(TemplateNames.IdentitySheet).Visibility);
    }

    [Fact]
    public void An_accepted_upload_gets_feedback_too_and_stays_a_valid_report()
    {
        var upload = Filler.Fill(World.Template(), World.FullValues());
        var result = World.Check(upload);
        var feedback = Feedback.Write(upload, result);

        Assert.Empty(Feedback.ListedProblems(feedback));
        using (var wb = new XLWorkbook(new MemoryStream(feedback)))
        {
            var texts = wb.Worksheet(FeedbackWorkbook.ProblemSheet).CellsUsed().Select(c => c.GetString()).ToList();
            Assert.Contains("đã tiếp nhận", texts);
            Assert.Contains("Không có lỗi hay cảnh báo.", texts);
        }
        // The feedback keeps the identity and names: sending it back reads the same values.
        var again = World.Check(feedback);
        Assert.Equal(SubmissionOutcome.Accepted, again.Outcome);
        Assert.Equal(result.Values, again.Values);
    }

    [Fact]
    public void A_file_that_is_not_a_workbook_gets_a_new_workbook_with_just_the_list()
    {
        var upload = "not a spreadsheet"u8.ToArray();
        var result = World.Check(upload);
        var feedback = Feedback.Write(upload, result, "baocao.pdf");

        using var wb = new XLWorkbook(new MemoryStream(feedback));
        Assert.Equal(FeedbackWorkbook.ProblemSheet, Assert.Single(wb.Worksheets).Name);
        var row = Assert.Single(Feedback.ListedProblems(feedback));
        Assert.Equal(result.Problems.Single().MessageVi, row.Message);
    }

    [Fact]
    public void A_corrected_feedback_workbook_sent_back_starts_clean()
    {
        var values = World.FullValues();
        values["CC_HS_GIAIQUYET"] = "abc";
        var upload = Filler.Fill(World.Template(), values);
        var first = Feedback.Write(upload, World.Check(upload));

        var corrected = Filler.Fill(first, new Dictionary<string, object?> { ["CC_HS_GIAIQUYET"] = 100L, ["CC_HS_DUNGHAN"] = 50L });
        var result = World.Check(corrected);
        Assert.Equal(SubmissionOutcome.Accepted, result.Outcome);
        var second = Feedback.Write(corrected, result);

        using var wb = new XLWorkbook(new MemoryStream(second));
        Assert.Single(wb.Worksheets, w => w.Name.StartsWith(FeedbackWorkbook.ProblemSheet, StringComparison.Ordinal));
        var cell = wb.Worksheet(TemplateNames.ReportSheet).Cell(WorkbookFacts.CellOf(upload, "CC_HS_GIAIQUYET"));
        Assert.False(cell.HasComment);
        Assert.Equal(TemplateWriter.InputFill, cell.Style.Fill.BackgroundColor);
        Assert.Empty(Feedback.ListedProblems(second));
    }
}
