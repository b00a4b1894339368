using ClosedXML.Excel;
using DanVan.Core.Catalogue;
using DanVan.Core.Ingest;
using DanVan.Core.Templates;
using DanVan.Core.Tests.Corpus;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DanVan.Core.Tests.Templates;

public sealed class TemplateWriterTests
{
    private static readonly byte[] Commune = World.Template();

    private static XLWorkbook Open(byte[] bytes) => new(new MemoryStream(bytes));

    [Fact]
    public void Carries_its_identity_in_defined_names_a_very_hidden_sheet_and_document_properties()
    {
        using var wb = Open(Commune);
        var hidden = wb.Worksheet(TemplateNames.IdentitySheet);
        Assert.Equal(XLWorksheetVisibility.VeryHidden, hidden.Visibility);
        Assert.Equal("2026-Q4", wb.NamedRange(TemplateNames.PeriodName).Ranges.Single().FirstCell().GetString());
        Assert.Equal(World.TinhKhe, wb.NamedRange(TemplateNames.UnitName).Ranges.Single().FirstCell().GetString());
        Assert.Equal(TemplateNames.ReportTemplateId, wb.NamedRange(TemplateNames.TemplateIdName).Ranges.Single().FirstCell().GetString());

        using var doc = SpreadsheetDocument.Open(new MemoryStream(Commune), false);
        var props = doc.CustomFilePropertiesPart!.Properties.Elements<DocumentFormat.OpenXml.CustomProperties.CustomDocumentProperty>()
            .ToDictionary(p => p.Name!.Value!, p => p.InnerText);
        Assert.Equal("1", props[TemplateNames.TemplateVersionKey]);
        Assert.Equal("1", props[TemplateNames.CatalogueVersionKey]);
        Assert.Equal(World.TinhKhe, props[TemplateNames.UnitKey]);
    }

    [Fact]
    public void Names_one_unlocked_validated_input_cell_per_entered_indicator()
    {
        using var wb = Open(Commune);
        var ws = wb.Worksheet(TemplateNames.ReportSheet);
        Assert.True(ws.IsProtected);
        Assert.False(ws.Protection.IsPasswordProtected);
        foreach (var indicator in World.Catalogue.Indicators)
        {
            var name = TemplateNames.ForIndicator(indicator.Code);
            if (!indicator.IsInput)
            {
                Assert.False(wb.NamedRanges.Contains(name));
                continue;
            }
            var cell = wb.NamedRange(name).Ranges.Single().FirstCell();
            Assert.Equal(ws.Name, cell.Worksheet.Name);
            Assert.False(cell.Style.Protection.Locked, indicator.Code);
            if (indicator.IsNumeric)
            {
                Assert.Equal(4, cell.Address.ColumnNumber);
                Assert.Equal(indicator.NameVi, ws.Cell(cell.Address.RowNumber, 2).GetString());
                Assert.Equal(indicator.UnitVi, ws.Cell(cell.Address.RowNumber, 3).GetString());
                var dv = cell.DataValidation;
                Assert.Equal(XLAllowedValues.WholeNumber, dv.AllowedValues);
                Assert.Equal(XLOperator.EqualOrGreaterThan, dv.Operator);
                Assert.Equal("0", dv.MinValue);
                Assert.False(string.IsNullOrEmpty(dv.InputMessage));
            }
        }
        Assert.True(ws.Cell("B1").Style.Protection.Locked);
    }

    [Fact]
    public void Lays_out_a_decree_30_header_title_window_note_and_signature()
    {
        using var wb = Open(Commune);
        var ws = wb.Worksheet(TemplateNames.ReportSheet);
        var texts = ws.CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Equal("UBND TỈNH QUẢNG NGÃI", ws.Cell("A1").GetString());
        Assert.Equal("UBND XÃ TỊNH KHÊ", ws.Cell("A2").GetString());
        Assert.True(ws.Cell("A2").Style.Font.Bold);
        Assert.Equal("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ws.Cell("C1").GetString());
        Assert.Equal("Độc lập - Tự do - Hạnh phúc", ws.Cell("C2").GetString());
        Assert.Contains("Quảng Ngãi, ngày ... tháng ... năm ...", texts);
        Assert.Contains(texts, t => t.Contains("QUÝ IV NĂM 2026", StringComparison.Ordinal));
        Assert.Contains("(thời gian chốt số liệu: từ ngày 15/09/2026 đến ngày 14/12/2026)", texts);
        Assert.Contains(texts, t => t.Contains("chỉ báo cáo số liệu hoạt động của chính đơn vị mình", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Ký, ghi rõ họ tên", StringComparison.Ordinal));
        foreach (var section in World.Catalogue.Sections)
        {
            Assert.Contains(section.TitleVi.ToUpper(System.Globalization.CultureInfo.GetCultureInfo("vi-VN")), texts);
        }
    }

    [Fact]
    public void Prints_on_a4_portrait_fit_to_width_in_times_new_roman_13()
    {
        using var wb = Open(Commune);
        var ws = wb.Worksheet(TemplateNames.ReportSheet);
        Assert.Equal(XLPaperSize.A4Paper, ws.PageSetup.PaperSize);
        Assert.Equal(XLPageOrientation.Portrait, ws.PageSetup.PageOrientation);
        Assert.Equal(1, ws.PageSetup.PagesWide);
        Assert.Equal(0, ws.PageSetup.PagesTall);
        var cell = wb.NamedRange("DV_LD_VANBAN").Ranges.Single().FirstCell();
        Assert.Equal("Times New Roman", cell.Style.Font.FontName);
        Assert.Equal(13, cell.Style.Font.FontSize);
        Assert.All(Enumerable.Range(1, 4), c => Assert.True(ws.Column(c).Width > 5));
    }

    [Fact]
    public void A_department_heads_its_own_name()
    {
        var p = World.Calendar.Get(World.Q4);
        using var ms = new MemoryStream();
        TemplateWriter.Write(World.Registry.FindByCode(World.HomeAffairs, p.WindowEnd)!, p, World.Catalogue, World.Registry, ms);
        using var wb = Open(ms.ToArray());
        Assert.Equal("SỞ NỘI VỤ", wb.Worksheet(TemplateNames.ReportSheet).Cell("A2").GetString());
    }

    [Fact]
    public void Rows_inserted_by_the_user_do_not_shift_anything()
    {
        var before = WorkbookFacts.CellOf(Commune, "CC_HS_GIAIQUYET");
        byte[] edited;
        using (var wb = Open(Commune))
        {
            var ws = wb.Worksheet(TemplateNames.ReportSheet);
            ws.Row(12).InsertRowsAbove(3);
            ws.Cell(12, 2).Value = "Ghi chú thêm của đơn vị";
            using var ms = new MemoryStream();
            wb.SaveAs(ms);
            edited = ms.ToArray();
        }
        var after = WorkbookFacts.CellOf(edited, "CC_HS_GIAIQUYET");
        Assert.NotEqual(before, after);

        var values = World.FullValues();
        values["CC_HS_GIAIQUYET"] = "abc";
        var result = World.Check(Filler.Fill(edited, values));
        var p = Assert.Single(result.Problems);
        Assert.Equal(after, p.Cell);
        Assert.Equal(ProblemCodes.NotANumber, p.Code);
    }

    [Fact]
    public void Text_starting_with_equals_is_written_as_text()
    {
        using var wb = new XLWorkbook();
        var cell = wb.Worksheets.Add("x").Cell(1, 1);
        TemplateWriter.SetText(cell, "=1+1");
        using var ms = new MemoryStream();
        wb.SaveAs(ms);
        using var reopened = Open(ms.ToArray());
        var back = reopened.Worksheet("x").Cell(1, 1);
        Assert.False(back.HasFormula);
        Assert.Equal("=1+1", back.GetString());
    }
}
