using ClosedXML.Excel;
using DanVan.Core.Ingest;
using DanVan.Core.Templates;
using DanVan.Core.Tests.Corpus;

namespace DanVan.Core.Tests.Templates;

/// <summary>The template survives LibreOffice Calc: identity, names and typed values come back.</summary>
[Collection("LibreOffice")]
public sealed class LibreOfficeRoundTripTests
{
    [SkippableFact]
    public void Template_saved_by_calc_keeps_identity_names_and_hidden_sheet()
    {
        LibreOffice.SkipUnlessAvailable();
        var saved = LibreOffice.Convert(World.Template(), "xlsx", "xlsx");

        var result = World.Check(saved);
        // Untouched, so refused as empty; what matters here is that every cell and the identity were found.
        Assert.Equal(ProblemCodes.EmptyReport, result.Problems[0].Code);
        Assert.All(result.Problems.Skip(1), p => Assert.Equal(ProblemCodes.Blank, p.Code));
        Assert.Equal(new TemplateIdentity(TemplateNames.ReportTemplateId, 1, 1, World.TinhKhe, World.Q4), result.Identity);
        foreach (var indicator in World.Catalogue.Inputs)
        {
            Assert.Equal(WorkbookFacts.CellOf(World.Template(), indicator.Code), WorkbookFacts.CellOf(saved, indicator.Code));
        }
        using var wb = new XLWorkbook(new MemoryStream(saved));
        Assert.NotEqual(XLWorksheetVisibility.Visible, wb.Worksheet(TemplateNames.IdentitySheet).Visibility);
        Assert.True(wb.Worksheet(TemplateNames.ReportSheet).IsProtected);
    }

    [SkippableFact]
    public void Values_saved_by_calc_are_read()
    {
        LibreOffice.SkipUnlessAvailable();
        var values = World.FullValues();
        values["LD_VANBAN"] = "1.234";
        values["NX_KETQUA"] = "Tæ chøc ®èi tho¹i víi Nh©n d©n";
        values["TD_LUOT"] = new FormulaEntry("40+2", null);
        var saved = LibreOffice.Convert(Filler.Fill(World.Template(), values), "xlsx", "xlsx");

        var result = World.Check(saved);
        Assert.Equal(SubmissionOutcome.Accepted, result.Outcome);
        long? Of(string code) => result.Values.Single(v => v.IndicatorCode == code).Number;
        Assert.Equal(1234, Of("LD_VANBAN"));
        Assert.Equal(42, Of("TD_LUOT"));
        Assert.Equal("Tổ chức đối thoại với Nhân dân", result.Values.Single(v => v.IndicatorCode == "NX_KETQUA").Text);
        Assert.Equal((long)values["CC_HS_GIAIQUYET"]!, Of("CC_HS_GIAIQUYET"));
    }

    [SkippableFact]
    public void Template_survives_a_trip_through_ods()
    {
        LibreOffice.SkipUnlessAvailable();
        var ods = LibreOffice.Convert(Filler.Fill(World.Template(), World.FullValues()), "xlsx", "ods");
        Assert.Equal(ProblemCodes.OdsFormat, World.Check(ods).Problems.Single().Code);
        var back = LibreOffice.Convert(ods, "ods", "xlsx");
        var result = World.Check(back);
        Assert.Equal(SubmissionOutcome.Accepted, result.Outcome);
        Assert.Equal(World.Catalogue.Inputs.Count(), result.Values.Count);
    }

    [SkippableFact]
    public void Feedback_workbook_opens_in_calc_and_can_be_sent_back()
    {
        LibreOffice.SkipUnlessAvailable();
        var values = World.FullValues();
        values["LD_VANBAN"] = "abc";
        var upload = Filler.Fill(World.Template(), values);
        var feedback = Feedback.Write(upload, World.Check(upload));
        var saved = LibreOffice.Convert(feedback, "xlsx", "xlsx");

        using (var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(saved), false))
        {
            var names = doc.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
            Assert.Contains(FeedbackWorkbook.ProblemSheet, names);
        }
        // The user fixes nothing and sends Calc's copy back: same identity, same problem, and their own
        // workbook marked again (ClosedXML 0.95 cannot load Calc's comment drawings; they are dropped first).
        var again = World.Check(saved);
        var problem = Assert.Single(again.Problems);
        Assert.Equal(ProblemCodes.NotANumber, problem.Code);
        var second = Feedback.Write(saved, again);
        Assert.Single(Feedback.ListedProblems(second));
        using var wb = new XLWorkbook(new MemoryStream(second));
        Assert.True(wb.Worksheet(TemplateNames.ReportSheet).Cell(problem.Cell).HasComment);
    }
}
