using DanVan.Core.Catalogue;
using DanVan.Core.Ingest;
using DanVan.Core.Templates;
using DocumentFormat.OpenXml.Packaging;

namespace DanVan.Core.Tests.Corpus;

public sealed class CorpusTests
{
    public static TheoryData<CorpusCase> Hostile() => new(HostileFiles.All());

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Every_broken_or_foreign_file_gets_a_clear_rejection(CorpusCase @case)
    {
        var file = @case.Make();
        var result = World.Check(file, World.Context(limits: @case.Limits));

        Assert.Equal(SubmissionOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Problems, p => p.Code == @case.ExpectedCode);
        Assert.All(result.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.MessageVi)));
        Assert.Empty(result.Values);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Every_upload_gets_a_feedback_workbook(CorpusCase @case)
    {
        var file = @case.Make();
        var result = World.Check(file, World.Context(limits: @case.Limits));
        var feedback = Feedback.Write(file, result);
        Assert.Equal(result.Problems.Count, Feedback.ListedProblems(feedback).Count);
    }

    [Fact]
    public void Glossary_message_for_macros()
    {
        var xlsm = World.Check(HostileFiles.WithEntry(World.Template(), "xl/vbaProject.bin", [0]));
        Assert.Equal("Tệp có chứa macro (.xlsm) nên không được tiếp nhận. Vui lòng dùng biểu mẫu gốc (.xlsx).", xlsm.Problems.Single().MessageVi);
    }

    [Fact]
    public void Reads_a_hand_written_package_with_inline_and_shared_strings()
    {
        var result = World.Check(HostileFiles.ValidRaw().Build());
        Assert.Equal(SubmissionOutcome.Accepted, result.Outcome);
        var expected = World.FullValues();
        Assert.All(result.Values, v => Assert.Equal(expected[v.IndicatorCode], (object?)v.Number ?? v.Text));
    }

    [Fact]
    public void Reads_cells_written_without_r_attributes_and_formulas_without_cache()
    {
        var raw = new RawXlsx().Sheet("Báo cáo")
            .RawRow("<row><c t=\"inlineStr\"><is><t>x</t></is></c><c><v>7</v></c></row>")
            .RawRow("<row><c/><c><f>1+1</f></c></row>")
            .Name("DV_LD_VANBAN", "Báo cáo", "$B$1")
            .Name("DV_LD_TINBAI", "Báo cáo", "$B$2")
            .Identity("DANVAN.BAOCAO", "1", "1", World.TinhKhe, "2026-Q4");
        var result = World.Check(raw.Build());

        Assert.DoesNotContain(result.Problems, p => p.IndicatorCode == "LD_VANBAN");
        var noCache = result.Problems.Single(p => p.IndicatorCode == "LD_TINBAI");
        Assert.Equal(ProblemCodes.FormulaWithoutValue, noCache.Code);
        Assert.Equal(("Báo cáo", "B2"), (noCache.Sheet, noCache.Cell));
        // Every other indicator has no defined name in this package.
        Assert.Equal(World.Catalogue.Inputs.Count() - 2, result.Problems.Count(p => p.Code == ProblemCodes.MissingCell));
    }

    [Fact]
    public void Finds_the_identity_on_the_hidden_sheet_when_the_names_are_gone()
    {
        var bytes = HostileFiles.ValidRaw().Build();
        using var ms = new MemoryStream();
        ms.Write(bytes);
        using (var doc = SpreadsheetDocument.Open(ms, true))
        {
            var names = doc.WorkbookPart!.Workbook.DefinedNames!;
            foreach (var dn in names.Elements<DocumentFormat.OpenXml.Spreadsheet.DefinedName>().Where(d => d.Name!.Value!.StartsWith("DV__", StringComparison.Ordinal)).ToList())
            {
                dn.Remove();
            }
        }
        var result = World.Check(ms.ToArray());
        Assert.Equal(SubmissionOutcome.Accepted, result.Outcome);
        Assert.Equal(World.TinhKhe, result.Identity!.UnitCode);
    }

    [Fact]
    public void Reads_an_older_template_by_the_catalogue_version_it_names()
    {
        // Catalogue v2 renames a label, retires LD_TINBAI and adds a new indicator; a v1 template still reads by v1.
        var v1 = World.Catalogue;
        var v2Indicators = v1.Indicators.Where(i => i.Code != "LD_TINBAI")
            .Append(new Indicator("LD_MANGXAHOI", "I", 5, "Số tin, bài trên mạng xã hội", "tin bài", IndicatorKind.Count, null, null, null))
            .Select(i => i.Code == "LD_VANBAN" ? i with { NameVi = "Số văn bản đã ban hành" } : i)
            .ToArray();
        var v2 = new IndicatorCatalogue(2, v1.Sections, v2Indicators);
        var context = World.Context() with { Catalogues = new CatalogueSet([v1, v2]) };

        var oldTemplate = Filler.Fill(World.Template(catalogue: v1), World.FullValues());
        var result = World.Check(oldTemplate, context);

        // No dates in a hand-made set: v2 is in force, so the older template is read by v1 with a warning to use the new one.
        Assert.Equal(SubmissionOutcome.AcceptedWithWarnings, result.Outcome);
        Assert.Equal([ProblemCodes.CatalogueOlder], result.Problems.Select(p => p.Code));
        Assert.Equal(1, result.Identity!.CatalogueVersion);
        Assert.Contains(result.Values, v => v.IndicatorCode == "LD_TINBAI");

        var newTemplate = World.Template(catalogue: v2);
        Assert.Equal(2, World.Check(newTemplate, context).Identity!.CatalogueVersion);
    }

    [Fact]
    public void Never_throws_on_damaged_bytes()
    {
        var good = Filler.Fill(World.Template(), World.FullValues());
        var random = new Random(7);
        for (var i = 0; i < 60; i++)
        {
            var bytes = (byte[])good.Clone();
            if (i % 2 == 0)
            {
                bytes = bytes[..random.Next(1, bytes.Length)];
            }
            else
            {
                for (var k = 0; k < 20; k++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
            }
            var result = World.Check(bytes);
            Assert.True(result.Outcome.IsAccepted() || result.Problems.Count > 0, "a rejection always says why");
            if (i % 10 == 0)
            {
                Assert.NotEmpty(Feedback.Write(bytes, result));
            }
        }
    }
}
