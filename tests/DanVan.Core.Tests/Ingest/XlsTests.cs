using System.Text;
using DanVan.Core.Ingest;
using DanVan.Core.Templates;
using DanVan.Core.Tests.Corpus;
using DanVan.Core.Tests.Templates;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DanVan.Core.Tests.Ingest;

/// <summary>
/// Excel 97–2003 uploads and the hidden code column: a template re-saved as .xls by LibreOffice reads as the
/// .xlsx does; wrong values are named by their cell; macros, encryption, other compound files and truncated files
/// are refused with the usual messages; an .xlsx that lost its names is read through the code column.
/// </summary>
public sealed class XlsTests
{
    private static readonly Lazy<(byte[] Xlsx, byte[] Xls)> Filled = new(() =>
    {
        LibreOffice.SkipUnlessAvailable();
        var xlsx = Filler.Fill(World.Template(), World.FullValues());
        return (xlsx, LibreOffice.Convert(xlsx, "xlsx", "xls"));
    });

    private static (byte[] Xlsx, byte[] Xls) Pair()
    {
        LibreOffice.SkipUnlessAvailable();
        return Filled.Value;
    }

    [SkippableFact]
    public void Libreoffice_xls_is_accepted_with_the_same_values_as_the_xlsx()
    {
        var (xlsx, xls) = Pair();
        Assert.True(xls.AsSpan().StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }), "soffice wrote no compound file.");
        var fromXlsx = World.Check(xlsx);
        var fromXls = World.Check(xls, name: "baocao.xls");
        Assert.Equal(SubmissionOutcome.Accepted, fromXlsx.Outcome);
        Assert.True(fromXls.Outcome == SubmissionOutcome.Accepted, string.Join("\n", fromXls.Problems.Select(p => p.Code + ": " + p.MessageVi)));
        Assert.Equal(fromXlsx.Identity, fromXls.Identity);
        Assert.Equal(
            fromXlsx.Values.OrderBy(v => v.IndicatorCode).Select(v => (v.IndicatorCode, v.Number, v.Text, v.Cell)),
            fromXls.Values.OrderBy(v => v.IndicatorCode).Select(v => (v.IndicatorCode, v.Number, v.Text, v.Cell)));
    }

    [SkippableFact]
    public void Wrong_values_in_an_xls_are_named_by_their_cell()
    {
        LibreOffice.SkipUnlessAvailable();
        var numbers = World.Catalogue.Inputs.Where(i => i.IsNumeric && i.Rule is null).Take(3).ToArray();
        var values = World.FullValues().ToDictionary(kv => kv.Key, kv => Filler.ToEntry(kv.Value));
        values[numbers[0].Code] = new SharedText("mười hai");
        values[numbers[1].Code] = new NumberEntry(-5);
        // LibreOffice computes it on load and stores #DIV/0! as the result.
        values[numbers[2].Code] = new FormulaEntry("1/0", null);
        var xlsx = Filler.Fill(World.Template(), values);
        var xls = LibreOffice.Convert(xlsx, "xlsx", "xls");

        var result = World.Check(xls, name: "baocao.xls");

        Assert.Equal(SubmissionOutcome.Rejected, result.Outcome);
        var text = result.Problems.Single(p => p.IndicatorCode == numbers[0].Code);
        Assert.Equal(ProblemCodes.NotANumber, text.Code);
        Assert.Equal(WorkbookFacts.CellOf(xlsx, numbers[0].Code), text.Cell);
        Assert.StartsWith($"Ô {text.Cell} (", text.MessageVi, StringComparison.Ordinal);
        Assert.Equal(TemplateNames.ReportSheet, text.Sheet);
        var negative = result.Problems.Single(p => p.IndicatorCode == numbers[1].Code);
        Assert.Equal(ProblemCodes.Negative, negative.Code);
        Assert.Equal(WorkbookFacts.CellOf(xlsx, numbers[1].Code), negative.Cell);
        var error = result.Problems.Single(p => p.IndicatorCode == numbers[2].Code);
        Assert.Equal(ProblemCodes.FormulaError, error.Code);
        Assert.Contains("#DIV/0!", error.MessageVi, StringComparison.Ordinal);
        Assert.Equal(WorkbookFacts.CellOf(xlsx, numbers[2].Code), error.Cell);
        // Same answer as the .xlsx gives for the same entries.
        var codes = numbers[..2].Select(n => n.Code).ToHashSet();
        Assert.Equal(
            World.Check(xlsx).Problems.Where(p => codes.Contains(p.IndicatorCode!)).Select(p => (p.Code, p.Cell, p.MessageVi)),
            result.Problems.Where(p => codes.Contains(p.IndicatorCode!)).Select(p => (p.Code, p.Cell, p.MessageVi)));
    }

    [Fact]
    public void Xlsx_without_defined_names_is_read_through_the_code_column()
    {
        var xlsx = Filler.Fill(World.Template(), World.FullValues());
        var expected = World.Check(xlsx);
        Assert.Equal(SubmissionOutcome.Accepted, expected.Outcome);

        var stripped = WithoutDefinedNames(xlsx);
        var result = World.Check(stripped);

        Assert.Equal(SubmissionOutcome.Accepted, result.Outcome);
        Assert.Equal(expected.Identity, result.Identity);
        Assert.Equal(
            expected.Values.OrderBy(v => v.IndicatorCode).Select(v => (v.IndicatorCode, v.Number, v.Text, v.Cell)),
            result.Values.OrderBy(v => v.IndicatorCode).Select(v => (v.IndicatorCode, v.Number, v.Text, v.Cell)));
    }

    [Fact]
    public void A_broken_name_falls_back_to_the_code_column_and_a_missing_row_is_still_missing()
    {
        var code = World.Catalogue.Inputs.First(i => i.IsNumeric).Code;
        var values = World.FullValues();
        var xlsx = Filler.Fill(World.Template(), values);
        var broken = Rename(xlsx, TemplateNames.ForIndicator(code), text: "#REF!");
        var result = World.Check(broken);
        Assert.Equal(SubmissionOutcome.Accepted, result.Outcome);
        Assert.Equal((long)values[code]!, result.Values.Single(v => v.IndicatorCode == code).Number);

        // Without the name and without the code on the row, the cell is missing, with the usual message.
        var gone = ClearCodeColumn(WithoutDefinedNames(xlsx), code);
        var missing = World.Check(gone);
        var problem = Assert.Single(missing.Problems, p => p.IndicatorCode == code);
        Assert.Equal(ProblemCodes.MissingCell, problem.Code);
        Assert.Equal(Messages.MissingCell(World.Catalogue.Inputs.Single(i => i.Code == code)).MessageVi, problem.MessageVi);
    }

    [Fact]
    public void The_template_keeps_each_code_in_a_hidden_locked_column_outside_the_print_area()
    {
        using var wb = new ClosedXML.Excel.XLWorkbook(new MemoryStream(World.Template()));
        var ws = wb.Worksheet(TemplateNames.ReportSheet);
        Assert.True(ws.Column(TemplateNames.CodeColumn).IsHidden);
        Assert.True(ws.IsProtected);
        foreach (var indicator in World.Catalogue.Inputs)
        {
            var input = wb.NamedRanges.NamedRange(TemplateNames.ForIndicator(indicator.Code))!.Ranges.First().FirstCell();
            var code = ws.Cell(input.Address.RowNumber, TemplateNames.CodeColumn);
            Assert.Equal(indicator.Code, code.GetString());
            Assert.True(code.Style.Protection.Locked);
            var column = indicator.Kind == DanVan.Core.Catalogue.IndicatorKind.Text ? TemplateNames.TextInputColumn : TemplateNames.NumberInputColumn;
            Assert.Equal(column, input.Address.ColumnNumber);
        }
        Assert.Equal(4, ws.PageSetup.PrintAreas.Single().LastColumn().ColumnNumber());
    }

    [SkippableFact]
    public void Xls_with_a_vba_project_is_refused_as_macros()
    {
        var (_, xls) = Pair();
        var macro = Cfb.RenameEntry(xls, "\u0005SummaryInformation", "_VBA_PROJECT_CUR", storage: true);

        var result = World.Check(macro, name: "baocao.xls");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCodes.MacroEnabled, problem.Code);
        Assert.Equal(Messages.Macro().MessageVi, problem.MessageVi);
    }

    [SkippableFact]
    public void Encrypted_xls_is_refused_as_password_protected()
    {
        var (_, xls) = Pair();
        var encrypted = Cfb.SecondGlobalsRecordBecomesFilePass(xls);

        var problem = Assert.Single(World.Check(encrypted, name: "baocao.xls").Problems);

        Assert.Equal(ProblemCodes.Encrypted, problem.Code);
        Assert.Equal(Messages.Encrypted().MessageVi, problem.MessageVi);
    }

    [SkippableFact]
    public void A_word_document_is_not_a_workbook()
    {
        LibreOffice.SkipUnlessAvailable();
        var doc = LibreOffice.Convert(Encoding.UTF8.GetBytes("Báo cáo công tác dân vận quý 4.\n"), "txt", "doc");
        Assert.True(doc.AsSpan().StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }), "soffice wrote no compound file.");

        var problem = Assert.Single(World.Check(doc, name: "baocao.xls").Problems);

        Assert.Equal(ProblemCodes.NotSpreadsheet, problem.Code);
        Assert.Equal(Messages.NotSpreadsheet().MessageVi, problem.MessageVi);
    }

    [SkippableFact]
    public void A_truncated_xls_is_refused_as_corrupt()
    {
        var (_, xls) = Pair();
        foreach (var length in new[] { 8, 600, xls.Length / 3, xls.Length / 2, xls.Length - 700 })
        {
            var result = World.Check(xls[..length], name: "baocao.xls");
            Assert.Equal(SubmissionOutcome.Rejected, result.Outcome);
            Assert.Equal(ProblemCodes.Corrupt, Assert.Single(result.Problems).Code);
        }
    }

    [SkippableFact]
    public void An_xls_beyond_the_cell_budget_stops_early()
    {
        var (_, xls) = Pair();
        var result = World.Check(xls, World.Context(limits: new IngestLimits { MaxCells = 20 }), "baocao.xls");
        Assert.Equal(ProblemCodes.TooManyCells, Assert.Single(result.Problems).Code);
    }

    [SkippableFact]
    public void An_xls_declaring_more_shared_strings_than_the_cell_budget_is_refused()
    {
        var (_, xls) = Pair();
        var bytes = Cfb.WithGlobalsRecord(xls, 0x00FC, (data, at) => BitConverter.GetBytes(uint.MaxValue).CopyTo(data, at + 4));

        var result = World.Check(bytes, name: "baocao.xls");

        Assert.Equal(ProblemCodes.TooManyCells, Assert.Single(result.Problems).Code);
    }

    [SkippableFact]
    public void An_xls_over_the_size_limit_is_refused_before_it_is_read()
    {
        var (_, xls) = Pair();
        var result = World.Check(xls, World.Context(limits: new IngestLimits { MaxFileBytes = 4 * 1024 }), "baocao.xls");
        Assert.Equal(ProblemCodes.TooLarge, Assert.Single(result.Problems).Code);
    }

    [SkippableFact]
    public void The_feedback_for_an_xls_is_a_clean_xlsx_template()
    {
        var (_, xls) = Pair();
        var result = World.Check(xls, name: "baocao.xls");
        using var output = new MemoryStream();
        FeedbackWorkbook.Write("baocao.xls", result, World.Context(), output);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(output.ToArray()), false);
        Assert.Contains(doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>(), s => s.Name == TemplateNames.ReportSheet);
    }

    private static byte[] WithoutDefinedNames(byte[] xlsx)
    {
        using var ms = new MemoryStream();
        ms.Write(xlsx);
        using (var doc = SpreadsheetDocument.Open(ms, true))
        {
            doc.WorkbookPart!.Workbook.DefinedNames?.Remove();
        }
        return ms.ToArray();
    }

    private static byte[] Rename(byte[] xlsx, string name, string text)
    {
        using var ms = new MemoryStream();
        ms.Write(xlsx);
        using (var doc = SpreadsheetDocument.Open(ms, true))
        {
            doc.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().Single(d => d.Name == name).Text = text;
        }
        return ms.ToArray();
    }

    private static byte[] ClearCodeColumn(byte[] xlsx, string code)
    {
        using var wb = new ClosedXML.Excel.XLWorkbook(new MemoryStream(xlsx));
        var ws = wb.Worksheet(TemplateNames.ReportSheet);
        ws.Column(TemplateNames.CodeColumn).CellsUsed(c => c.GetString() == code).Single().Clear();
        using var output = new MemoryStream();
        wb.SaveAs(output);
        return output.ToArray();
    }
}

/// <summary>In-place edits of a compound file written by LibreOffice: what a macro or a password would change in it.</summary>
internal static class Cfb
{
    /// <summary>Renames a directory entry (and may make it a storage), as an .xls with a VBA project names one.</summary>
    public static byte[] RenameEntry(byte[] file, string from, string to, bool storage)
    {
        var bytes = (byte[])file.Clone();
        var name = Encoding.Unicode.GetBytes(from + "\0");
        var at = bytes.AsSpan().IndexOf(name);
        Assert.True(at > 0, $"No entry {from}.");
        Array.Clear(bytes, at, 64);
        Encoding.Unicode.GetBytes(to).CopyTo(bytes, at);
        BitConverter.GetBytes((ushort)(2 * to.Length + 2)).CopyTo(bytes, at + 0x40);
        if (storage)
        {
            bytes[at + 0x42] = 1;
            Array.Clear(bytes, at + 0x74, 8);
        }
        return bytes;
    }

    /// <summary>Edits the first record of a type in the workbook globals (LibreOffice writes the stream in consecutive sectors).</summary>
    public static byte[] WithGlobalsRecord(byte[] file, ushort type, Action<byte[], int> edit)
    {
        var bytes = (byte[])file.Clone();
        var at = bytes.AsSpan().IndexOf(new byte[] { 0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00 });
        Assert.True(at > 0, "No BIFF8 globals.");
        while (at + 4 <= bytes.Length)
        {
            var recordType = BitConverter.ToUInt16(bytes, at);
            var length = BitConverter.ToUInt16(bytes, at + 2);
            if (recordType == type)
            {
                edit(bytes, at + 4);
                return bytes;
            }
            Assert.True(recordType != 0x000A, $"No record {type:X4} in the globals.");
            at += 4 + length;
        }
        throw new InvalidOperationException("Globals run past the file.");
    }

    /// <summary>The record after the globals' BOF becomes FILEPASS: what Excel writes first in an encrypted workbook.</summary>
    public static byte[] SecondGlobalsRecordBecomesFilePass(byte[] file)
    {
        var bytes = (byte[])file.Clone();
        // BOF, 16 bytes, BIFF8, workbook globals.
        var at = bytes.AsSpan().IndexOf(new byte[] { 0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00 });
        Assert.True(at > 0, "No BIFF8 globals.");
        var next = at + 4 + 16;
        bytes[next] = 0x2F;
        bytes[next + 1] = 0x00;
        return bytes;
    }
}
