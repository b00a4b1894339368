using System.Globalization;
using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Packaging;
using DanVan.Core.Registry;
using DanVan.Core.Text;

namespace DanVan.Core.Templates;

/// <summary>
/// Writes the template for one unit and period from the catalogue: one A4 portrait sheet in the
/// Decree 30 layout (columns A STT, B chỉ tiêu, C đơn vị tính, D số liệu), input cells unlocked and
/// validated, everything else protected without a password, the identity in defined names, a very
/// hidden sheet and the custom document properties.
/// </summary>
public static class TemplateWriter
{
    public const int CurrentVersion = 1;

    internal const string Font = "Times New Roman";
    internal const double FontSize = 13;
    private const double LineHeight = 17.5;

    /// <summary>The shade of every input cell (the feedback workbook restores it when a mark is cleared).</summary>
    internal static readonly XLColor InputFill = XLColor.FromHtml("#FFF2CC");
    // The right block (C:D) must hold the national motto on one line at 12 pt bold.
    private static readonly double[] Widths = [6, 42, 15, 25];

    public static void Write(ReportingUnit unit, ReportingPeriod period, IndicatorCatalogue catalogue, UnitRegistry registry, Stream output)
    {
        using var wb = new XLWorkbook();
        wb.Style.Font.FontName = Font;
        wb.Style.Font.FontSize = FontSize;
        var identity = new TemplateIdentity(TemplateNames.ReportTemplateId, CurrentVersion, catalogue.Version, unit.Code, period.Key);

        var ws = wb.Worksheets.Add(TemplateNames.ReportSheet);
        for (var i = 0; i < Widths.Length; i++)
        {
            ws.Column(i + 1).Width = Widths[i];
        }
        var row = WriteHeader(ws, unit, period, registry);
        row = WriteTable(wb, ws, catalogue, row);
        WriteSignature(ws, row + 1);
        SetUpPage(ws);
        // Structure, like the identity sheet: hidden and locked, outside the print area.
        ws.Column(TemplateNames.CodeColumn).Hide();
        // No password: protection guards against accidents, not people. Inserting rows stays allowed.
        ws.Protect().AllowedElements = XLSheetProtectionElements.FormatColumns | XLSheetProtectionElements.FormatRows
            | XLSheetProtectionElements.InsertRows | XLSheetProtectionElements.SelectEverything;

        WriteIdentity(wb, identity);
        wb.Properties.Title = Upper($"Báo cáo kết quả công tác dân vận {period.NameVi}");
        wb.Properties.Subject = $"{unit.Name} — {period.NameVi}";
        wb.Properties.Author = "DanVan";
        wb.Properties.Keywords = $"{identity.TemplateId};v{identity.TemplateVersion};{unit.Code};{period.Key}";
        ws.SetTabActive();
        ws.Cell(HeaderRows + 1, 4).SetActive();
        PackageNormalizer.SaveAs(wb, output);
    }

    private const int HeaderRows = 10;

    private static int WriteHeader(IXLWorksheet ws, ReportingUnit unit, ReportingPeriod period, UnitRegistry registry)
    {
        var at = period.WindowEnd;
        Merged(ws, 1, 1, 2, IssuingBody.ParentOf(unit, registry, at));
        Merged(ws, 2, 1, 2, IssuingBody.Of(unit)).Style.Font.SetBold();
        Merged(ws, 1, 3, 4, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").Style.Font.SetBold().Font.SetFontSize(12);
        var motto = Merged(ws, 2, 3, 4, "Độc lập - Tự do - Hạnh phúc");
        motto.Style.Font.SetBold().Font.SetUnderline(XLFontUnderlineValues.Single);
        Merged(ws, 3, 1, 2, "Số:        /BC-");
        Merged(ws, 3, 3, 4, $"{IssuingBody.Place}, ngày ... tháng ... năm ...").Style.Font.SetItalic();
        ws.Row(2).Height = 2 * LineHeight;
        ws.Range(2, 1, 2, 2).Style.Alignment.SetWrapText();

        Merged(ws, 5, 1, 4, "BÁO CÁO").Style.Font.SetBold().Font.SetFontSize(14);
        var title = Merged(ws, 6, 1, 4, Upper($"Kết quả thực hiện công tác dân vận {period.NameVi}"));
        title.Style.Font.SetBold().Alignment.SetWrapText();
        ws.Row(6).Height = 2 * LineHeight;
        Merged(ws, 7, 1, 4,
            $"(thời gian chốt số liệu: từ ngày {ViFormat.Date(period.WindowStart)} đến ngày {ViFormat.Date(period.WindowEnd)})").Style.Font.SetItalic();
        var note = Merged(ws, 8, 1, 4,
            "Lưu ý: mỗi đơn vị chỉ báo cáo số liệu hoạt động của chính đơn vị mình, không cộng số liệu của đơn vị cấp dưới " +
            "(hệ thống tự tổng hợp). Ô để trống được ghi nhận là chưa báo cáo; nếu không có số liệu, vui lòng nhập 0.");
        note.Style.Font.SetItalic().Font.SetFontSize(12).Alignment.SetWrapText().Alignment.SetHorizontal(XLAlignmentHorizontalValues.Justify);
        ws.Row(8).Height = 3 * LineHeight;

        var head = ws.Range(HeaderRows, 1, HeaderRows, 4);
        SetText(ws.Cell(HeaderRows, 1), "STT");
        SetText(ws.Cell(HeaderRows, 2), "Chỉ tiêu");
        SetText(ws.Cell(HeaderRows, 3), "Đơn vị tính");
        SetText(ws.Cell(HeaderRows, 4), "Số liệu");
        head.Style.Font.SetBold().Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center)
            .Alignment.SetVertical(XLAlignmentVerticalValues.Center).Alignment.SetWrapText()
            .Fill.SetBackgroundColor(XLColor.FromHtml("#D9E1F2"));
        ws.Row(HeaderRows).Height = 2 * LineHeight;
        return HeaderRows + 1;
    }

    private static int WriteTable(XLWorkbook wb, IXLWorksheet ws, IndicatorCatalogue catalogue, int row)
    {
        var firstRow = row;
        foreach (var section in catalogue.Sections)
        {
            var indicators = catalogue.InSection(section.Code).ToArray();
            if (indicators.Length == 0)
            {
                continue;
            }
            SetText(ws.Cell(row, 1), section.Code).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
            var sectionTitle = ws.Range(row, 2, row, 4).Merge();
            SetText(sectionTitle.FirstCell(), Upper(section.TitleVi));
            sectionTitle.Style.Alignment.SetWrapText();
            ws.Range(row, 1, row, 4).Style.Font.SetBold().Fill.SetBackgroundColor(XLColor.FromHtml("#F2F2F2"));
            ws.Row(row).Height = Math.Max(1, Lines(section.TitleVi, Widths[1] + Widths[2] + Widths[3], CapsCharsPerUnit)) * LineHeight;
            ws.Range(row, 1, row, 4).Style.Alignment.SetVertical(XLAlignmentVerticalValues.Center);
            row++;
            var number = 1;
            foreach (var indicator in indicators)
            {
                row = indicator.Kind == IndicatorKind.Text
                    ? WriteNarrative(wb, ws, indicator, number++, row)
                    : WriteNumeric(wb, ws, indicator, number++, row);
            }
        }
        var table = ws.Range(HeaderRows, 1, row - 1, 4);
        table.Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
        return row;
    }

    private static int WriteNumeric(XLWorkbook wb, IXLWorksheet ws, Indicator indicator, int number, int row)
    {
        SetText(ws.Cell(row, 1), number.ToString(CultureInfo.InvariantCulture)).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center)
            .Alignment.SetVertical(XLAlignmentVerticalValues.Center);
        SetText(ws.Cell(row, 2), indicator.NameVi).Style.Alignment.SetWrapText().Alignment.SetVertical(XLAlignmentVerticalValues.Center);
        SetText(ws.Cell(row, 3), indicator.UnitVi).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center)
            .Alignment.SetVertical(XLAlignmentVerticalValues.Center);
        ws.Row(row).Height = Math.Max(1, Lines(indicator.NameVi, Widths[1], TextCharsPerUnit)) * LineHeight;
        var input = ws.Cell(row, 4);
        if (!indicator.IsInput)
        {
            // Ratios are computed at consolidation from summed parts, never typed in.
            SetText(input, "(tự động tính)").Style.Font.SetItalic().Font.SetFontColor(XLColor.Gray)
                .Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
            return row + 1;
        }
        input.Style.Protection.SetLocked(false);
        input.Style.NumberFormat.SetFormat("#,##0");
        input.Style.Fill.SetBackgroundColor(InputFill);
        input.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right).Alignment.SetVertical(XLAlignmentVerticalValues.Center);
        var dv = input.SetDataValidation();
        dv.WholeNumber.EqualOrGreaterThan(0);
        dv.IgnoreBlanks = true;
        dv.ShowInputMessage = true;
        dv.ShowErrorMessage = true;
        dv.ErrorStyle = XLErrorStyle.Stop;
        dv.InputTitle = Clip("Nhập số nguyên ≥ 0", 32);
        dv.InputMessage = Clip($"{indicator.NameVi} (đơn vị: {indicator.UnitVi}). Nhập số nguyên không âm; không có số liệu thì nhập 0.", 255);
        dv.ErrorTitle = "Giá trị không hợp lệ";
        dv.ErrorMessage = "Vui lòng nhập số nguyên không âm (0, 1, 2, ...).";
        wb.NamedRanges.Add(TemplateNames.ForIndicator(indicator.Code), input.AsRange());
        SetText(ws.Cell(row, TemplateNames.CodeColumn), indicator.Code);
        return row + 1;
    }

    private static int WriteNarrative(XLWorkbook wb, IXLWorksheet ws, Indicator indicator, int number, int row)
    {
        SetText(ws.Cell(row, 1), number.ToString(CultureInfo.InvariantCulture)).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        var label = ws.Range(row, 2, row, 4).Merge();
        SetText(label.FirstCell(), indicator.NameVi);
        label.Style.Font.SetBold();
        var box = ws.Range(row + 1, 2, row + 1, 4).Merge();
        box.Style.Protection.SetLocked(false);
        box.Style.Alignment.SetWrapText().Alignment.SetVertical(XLAlignmentVerticalValues.Top)
            .Alignment.SetHorizontal(XLAlignmentHorizontalValues.Justify);
        box.Style.Fill.SetBackgroundColor(InputFill);
        box.FirstCell().Style.NumberFormat.SetFormat("@");
        ws.Row(row + 1).Height = 6 * LineHeight;
        var dv = box.FirstCell().SetDataValidation();
        dv.TextLength.EqualOrLessThan(TextLimit);
        dv.ShowInputMessage = true;
        dv.InputTitle = Clip(indicator.NameVi, 32);
        dv.InputMessage = "Nhập nội dung (tối đa 4.000 ký tự). Có thể để trống nếu không có.";
        wb.NamedRanges.Add(TemplateNames.ForIndicator(indicator.Code), box.FirstCell().AsRange());
        SetText(ws.Cell(row + 1, TemplateNames.CodeColumn), indicator.Code);
        return row + 2;
    }

    /// <summary>Longest narrative the reader accepts (characters).</summary>
    public const int TextLimit = 4000;

    private static void WriteSignature(IXLWorksheet ws, int row)
    {
        SetText(ws.Cell(row + 1, 1), "Nơi nhận:").Style.Font.SetBold().Font.SetItalic().Font.SetFontSize(12);
        SetText(ws.Cell(row + 2, 1), "- Sở Nội vụ (tổng hợp);").Style.Font.SetFontSize(11);
        SetText(ws.Cell(row + 3, 1), "- Lưu: VT.").Style.Font.SetFontSize(11);
        Merged(ws, row + 1, 3, 4, "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ").Style.Font.SetBold();
        Merged(ws, row + 2, 3, 4, "(Ký, ghi rõ họ tên và đóng dấu)").Style.Font.SetItalic();
        var signer = ws.Range(row + 6, 3, row + 6, 4).Merge();
        signer.Style.Protection.SetLocked(false);
        signer.Style.Font.SetBold().Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        ws.PageSetup.PrintAreas.Add(1, 1, row + 6, 4);
    }

    private static void SetUpPage(IXLWorksheet ws)
    {
        ws.PageSetup.PaperSize = XLPaperSize.A4Paper;
        ws.PageSetup.PageOrientation = XLPageOrientation.Portrait;
        ws.PageSetup.FitToPages(1, 0);
        ws.PageSetup.CenterHorizontally = true;
        // Decree 30 margins: top/bottom 2 cm, left 3 cm, right 1.5 cm (in inches).
        ws.PageSetup.Margins.Top = 0.79;
        ws.PageSetup.Margins.Bottom = 0.79;
        ws.PageSetup.Margins.Left = 1.18;
        ws.PageSetup.Margins.Right = 0.59;
        ws.PageSetup.SetRowsToRepeatAtTop(HeaderRows, HeaderRows);
        ws.ShowGridLines = false;
    }

    private static void WriteIdentity(XLWorkbook wb, TemplateIdentity identity)
    {
        var values = new[]
        {
            identity.TemplateId,
            identity.TemplateVersion.ToString(CultureInfo.InvariantCulture),
            identity.CatalogueVersion.ToString(CultureInfo.InvariantCulture),
            identity.UnitCode,
            identity.Period.ToString(),
        };
        var hidden = wb.Worksheets.Add(TemplateNames.IdentitySheet);
        for (var i = 0; i < values.Length; i++)
        {
            var (name, key) = TemplateNames.IdentityFields[i];
            SetText(hidden.Cell(i + 1, 1), key);
            SetText(hidden.Cell(i + 1, 2), values[i]);
            wb.NamedRanges.Add(name, hidden.Cell(i + 1, 2).AsRange());
            wb.CustomProperties.Add(key, values[i]);
        }
        hidden.Protect();
        hidden.Visibility = XLWorksheetVisibility.VeryHidden;
    }

    private static IXLRange Merged(IXLWorksheet ws, int row, int fromColumn, int toColumn, string text)
    {
        var range = ws.Range(row, fromColumn, row, toColumn).Merge();
        SetText(range.FirstCell(), text);
        range.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Alignment.SetVertical(XLAlignmentVerticalValues.Center);
        return range;
    }

    /// <summary>Writes text as text: a leading '=' must never turn agency or catalogue text into a formula.</summary>
    internal static IXLCell SetText(IXLCell cell, string text)
    {
        cell.SetValue(text);
        if (cell.HasFormula)
        {
            cell.FormulaA1 = string.Empty;
            cell.SetValue(text);
        }
        cell.DataType = XLDataType.Text;
        return cell;
    }

    private static string Upper(string text) => text.ToUpper(CultureInfo.GetCultureInfo("vi-VN"));

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    // Measured on LibreOffice's rendering of Times New Roman 13: regular text and bold capitals per width unit.
    private const double TextCharsPerUnit = 1.1;
    private const double CapsCharsPerUnit = 0.8;

    private static int Lines(string text, double width, double charsPerUnit) => (int)Math.Ceiling(text.Length / (width * charsPerUnit));
}
