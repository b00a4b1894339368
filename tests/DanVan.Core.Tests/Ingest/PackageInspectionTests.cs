using System.IO.Compression;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Ingest;
using DanVan.Core.Tests.Corpus;

namespace DanVan.Core.Tests.Ingest;

/// <summary>The pass before any library opens a package: structural limits, active content, the macro decision.</summary>
public sealed class PackageInspectionTests
{
    private const string Hostile = "Tệp có cấu trúc bất thường";

    public static TheoryData<CorpusCase> Structural() => new(HostileFiles.Structural());

    [Theory]
    [MemberData(nameof(Structural))]
    public void Each_hostile_kind_is_rejected_with_a_plain_answer_and_nothing_read(CorpusCase @case)
    {
        var result = World.Check(@case.Make());

        Assert.Equal(SubmissionOutcome.Rejected, result.Outcome);
        var problem = Assert.Single(result.Problems, p => p.Code == @case.ExpectedCode);
        Assert.InRange(problem.MessageVi.Length, 20, 600);
        if (@case.ExpectedCode == ProblemCodes.HostileStructure)
        {
            Assert.StartsWith(Hostile, problem.MessageVi, StringComparison.Ordinal);
        }
        Assert.Empty(result.Values);
    }

    [Fact]
    public void A_spurious_macro_enabled_default_for_an_unused_extension_does_not_make_a_workbook_macro_enabled()
    {
        // SheetJS writes <Default Extension="bin" ContentType="…macroEnabled…"> into every package, binary part or not.
        const string spurious = "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-excel.sheet.binary.macroEnabled.main\"/>";
        var file = HostileFiles.Rewrite(HostileFiles.ValidRaw().Build(), "[Content_Types].xml", t =>
        {
            var withoutBin = Regex.Replace(t, "<Default [^>]*Extension=\"bin\"[^>]*/>", string.Empty, RegexOptions.IgnoreCase);
            return withoutBin.Insert(withoutBin.IndexOf("<Default ", StringComparison.Ordinal), spurious);
        });
        var r = World.Check(file);
        Assert.True(r.Outcome == SubmissionOutcome.Accepted, string.Join("; ", r.Problems.Select(p => p.Code + " " + p.MessageVi)));
    }

    [Theory]
    [InlineData("SUM(D1:D4)", null)]
    [InlineData("\"a|b\"&\"WEBSERVICE(\"", null)]
    [InlineData("MYCALL(1)", null)]
    [InlineData("'Thu|Chi'!A1+1", null)]
    [InlineData("_xlfn.WEBSERVICE(\"http://x\")", "WEBSERVICE")]
    [InlineData("hyperlink(\"http://x\")", "HYPERLINK")]
    [InlineData("CALL(\"Kernel32\",\"WinExec\",\"JCJ\",\"calc\",0)", "CALL")]
    [InlineData("REGISTER.ID(\"a\",\"b\")", "REGISTER.ID")]
    [InlineData("cmd|' /C calc'!A0", "DDE")]
    public void Formulas_that_call_out_are_named(string formula, string? expected) =>
        Assert.Equal(expected, PackageInspection.CalledOut(formula));

    [Fact]
    public void Limits_are_settings()
    {
        var template = Filler.Fill(World.Template(), World.FullValues());
        Assert.Equal(SubmissionOutcome.Accepted, World.Check(template).Outcome);

        var tight = World.Check(template, World.Context(limits: new IngestLimits { MaxXmlDepth = 3 }));
        Assert.Equal(ProblemCodes.HostileStructure, Assert.Single(tight.Problems).Code);
        var fewNames = World.Check(template, World.Context(limits: new IngestLimits { MaxDefinedNames = 5 }));
        Assert.Contains("tên được định nghĩa", Assert.Single(fewNames.Problems).MessageVi, StringComparison.Ordinal);
    }

    [Fact]
    public void A_part_bigger_than_its_limit_is_stopped_while_inflating_whatever_the_header_says()
    {
        var file = HostileFiles.WithEntry(Filler.Fill(World.Template(), World.FullValues()), "xl/media/big.bin", new Random(3).GetItems<byte>([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], 3 * 1024 * 1024));
        var result = World.Check(file, World.Context(limits: new IngestLimits { MaxPartBytes = 1024 * 1024 }));

        Assert.Equal(ProblemCodes.HostileStructure, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void A_long_template_id_is_clipped_before_it_reaches_a_message()
    {
        var result = World.Check(HostileFiles.Raw(id: new string('X', 30_000)).Build());

        Assert.Equal(ProblemCodes.UnknownTemplate, Assert.Single(result.Problems).Code);
        Assert.True(result.Problems[0].MessageVi.Length < 400, "the id is clipped in the message");
        Assert.True(result.Identity!.TemplateId.Length <= TextClip.InMessage);
        Assert.NotEmpty(Feedback.Write([], result));
    }

    [Fact]
    public void A_quarter_whose_window_has_not_started_is_refused_with_its_start_date()
    {
        var key = PeriodKey.ForQuarter(2031, 2);
        var catalogue = World.Catalogues.For(key);
        var result = World.Check(Filler.Fill(World.Template(period: key, catalogue: catalogue), World.FullValues(catalogue)), World.Context(path: key));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCodes.PeriodNotStarted, problem.Code);
        Assert.Contains(World.Calendar.Get(key).WindowStart.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), problem.MessageVi, StringComparison.Ordinal);
        Assert.True(World.Calendar.HasStarted(World.Calendar.Get(World.Q4), World.Now));
        Assert.False(World.Calendar.HasStarted(World.Calendar.Get(key), World.Now));
    }

    [Fact]
    public void The_feedback_is_a_clean_copy_nothing_of_the_uploaded_package_travels_back()
    {
        var values = World.FullValues();
        values["CC_HS_GIAIQUYET"] = "abc";
        var upload = Filler.Fill(World.Template(), values);
        using (var wb = new XLWorkbook(new MemoryStream(upload)))
        {
            // An extra sheet the uploader added, with a formula: not the template's.
            wb.Worksheets.Add("Nháp").Cell(1, 1).FormulaA1 = "1+1";
            using var ms = new MemoryStream();
            wb.SaveAs(ms);
            upload = HostileFiles.WithEntry(ms.ToArray(), "xl/media/payload.bin", [1, 2, 3]);
        }
        var result = World.Check(upload);
        Assert.True(result.Problems.All(p => p.IndicatorCode is not null), string.Join("; ", result.Problems.Select(p => p.Code + " " + p.MessageVi)));

        var feedback = Feedback.Write(upload, result);
        using var zip = new ZipArchive(new MemoryStream(feedback));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains("payload", StringComparison.Ordinal));
        using var back = new XLWorkbook(new MemoryStream(feedback));
        Assert.DoesNotContain(back.Worksheets, w => w.Name == "Nháp");
        Assert.Equal("abc", back.Worksheet(DanVan.Core.Templates.TemplateNames.ReportSheet).Cell(WorkbookFacts.CellOf(upload, "CC_HS_GIAIQUYET")).GetString());
    }
}
