using System.Globalization;
using DanVan.Core.Publish;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DanVan.Core.Followup;

/// <summary>
/// The draft reminder letter (công văn đôn đốc) in the Decree 30/2020/NĐ-CP layout: issuing body and national motto
/// side by side, number and symbol left for the clerk, place and date, the subject line, "Kính gửi:" the units by name,
/// the deadline and how to send, and the signature block with "Nơi nhận". A clerk edits and signs it.
/// </summary>
public static class ReminderLetter
{
    private const string Font = "Times New Roman";

    public static void Write(ReminderList list, DateTimeOffset draftedUtc, Stream output)
    {
        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        var period = list.Period;
        var quarterName = period.NameVi;
        var body = new Body();

        body.Append(HeaderTable(quarterName, draftedUtc));
        body.Append(Para(""));
        var to = list.Lines.Count == 1 ? "Kính gửi: " + list.Lines[0].Unit.Name + "." : "Kính gửi:";
        body.Append(Para(to, justify: JustificationValues.Center));
        if (list.Lines.Count > 1)
        {
            for (var i = 0; i < list.Lines.Count; i++)
            {
                body.Append(Para($"- {list.Lines[i].Unit.Name}{(i == list.Lines.Count - 1 ? "." : ";")}", indentLeftTwips: 2835));
            }
        }
        body.Append(Para(""));
        var deadline = period.DeadlineUtc.ToOffset(VnText.VietnamOffset);
        var drafted = draftedUtc.ToOffset(VnText.VietnamOffset);
        var rejected = list.Lines.Any(l => l.Reason == ReminderReason.OnlyRejected);
        body.Append(BodyPara(
            "Thực hiện chế độ báo cáo định kỳ kết quả công tác dân vận theo Nghị định số 09/2019/NĐ-CP ngày 24 tháng 01 năm 2019 " +
            "của Chính phủ quy định về chế độ báo cáo của cơ quan hành chính nhà nước, hạn gửi báo cáo kết quả công tác dân vận " +
            $"{quarterName} là {Clock(deadline)} ngày {LongDate(deadline)}."));
        body.Append(BodyPara(
            $"Đến ngày {LongDate(drafted)}, Sở Nội vụ chưa nhận được báo cáo của các cơ quan, đơn vị nêu trên" +
            (rejected ? " (hoặc báo cáo đã gửi chưa đạt yêu cầu, bị trả lại và chưa được gửi lại)." : ".")));
        body.Append(BodyPara(
            (drafted <= deadline
                ? $"Để bảo đảm thời gian tổng hợp, Sở Nội vụ đề nghị các cơ quan, đơn vị hoàn thành và gửi báo cáo trước {Clock(deadline)} ngày {LongDate(deadline)}. "
                : "Sở Nội vụ đề nghị các cơ quan, đơn vị khẩn trương hoàn thành và gửi báo cáo ngay khi nhận được văn bản này. ") +
            "Báo cáo lập theo mẫu biểu Excel của Sở Nội vụ và gửi qua Cổng tiếp nhận báo cáo công tác dân vận " +
            "(tải tệp lên bằng mã truy cập đã cấp cho đơn vị); báo cáo bị trả lại cần sửa theo thông báo của Cổng và gửi lại."));
        body.Append(BodyPara("Sở Nội vụ đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./."));
        body.Append(Para(""));
        body.Append(SignatureTable());
        body.Append(new SectionProperties(
            new PageSize { Width = 11906, Height = 16838 },
            // Decree 30 margins: top and bottom 20 mm, left 30 mm, right 15 mm.
            new PageMargin { Top = 1134, Bottom = 1134, Left = 1701U, Right = 850U, Header = 709U, Footer = 709U, Gutter = 0U }));
        main.Document = new Document(body);
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new FontSize { Val = "28" },
                new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))));
        document.PackageProperties.Title = $"V/v đôn đốc gửi báo cáo kết quả công tác dân vận {quarterName}";
        document.PackageProperties.Creator = "Sở Nội vụ tỉnh Quảng Ngãi";
    }

    /// <summary>"ngày 17 tháng 9 năm 2025": days below 10 and months January, February written with a leading 0 (Decree 30).</summary>
    public static string LongDate(DateTimeOffset local) => string.Create(CultureInfo.InvariantCulture,
        $"{local.Day.ToString(local.Day < 10 ? "00" : "0", CultureInfo.InvariantCulture)} tháng {local.Month.ToString(local.Month <= 2 ? "00" : "0", CultureInfo.InvariantCulture)} năm {local.Year}");

    private static string Clock(DateTimeOffset local) => string.Create(CultureInfo.InvariantCulture, $"{local.Hour} giờ {local.Minute:00} phút");

    private static Table HeaderTable(string quarterName, DateTimeOffset draftedUtc)
    {
        var left = new TableCell(
            new TableCellProperties(new TableCellWidth { Width = "3800", Type = TableWidthUnitValues.Dxa }),
            Para("UBND TỈNH QUẢNG NGÃI", size: 24, justify: JustificationValues.Center),
            Para("SỞ NỘI VỤ", bold: true, size: 24, justify: JustificationValues.Center, underline: true),
            Para(""),
            Para("Số:       /SNV-XDCQ", size: 26, justify: JustificationValues.Center),
            Para($"V/v đôn đốc gửi báo cáo kết quả công tác dân vận {quarterName}", size: 24, justify: JustificationValues.Center));
        var right = new TableCell(
            new TableCellProperties(new TableCellWidth { Width = "5555", Type = TableWidthUnitValues.Dxa }),
            Para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, size: 24, justify: JustificationValues.Center),
            Para("Độc lập - Tự do - Hạnh phúc", bold: true, size: 26, justify: JustificationValues.Center, underline: true),
            Para(""),
            Para(VnText.PlaceAndDate(draftedUtc), italic: true, size: 26, justify: JustificationValues.Center));
        return BorderlessTable(left, "3800", right, "5555");
    }

    private static Table SignatureTable()
    {
        var left = new TableCell(
            new TableCellProperties(new TableCellWidth { Width = "4700", Type = TableWidthUnitValues.Dxa }),
            Para("Nơi nhận:", bold: true, italic: true, size: 24),
            Para("- Như trên;", size: 22),
            Para("- Giám đốc Sở (để báo cáo);", size: 22),
            Para("- Lưu: VT, XDCQ.", size: 22));
        var right = new TableCell(
            new TableCellProperties(new TableCellWidth { Width = "4700", Type = TableWidthUnitValues.Dxa }),
            Para("GIÁM ĐỐC", bold: true, size: 28, justify: JustificationValues.Center),
            Para(""), Para(""), Para(""), Para(""));
        return BorderlessTable(left, "4700", right, "4700");
    }

    /// <summary>Decree 30's two-column blocks (header, signature) are tables without borders.</summary>
    private static Table BorderlessTable(TableCell left, string leftWidth, TableCell right, string rightWidth) => new(
        new TableProperties(
            new TableWidth { Width = "9355", Type = TableWidthUnitValues.Dxa },
            new TableBorders(
                new TopBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None },
                new BottomBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
                new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None }),
            new TableLayout { Type = TableLayoutValues.Fixed }),
        new TableGrid(new GridColumn { Width = leftWidth }, new GridColumn { Width = rightWidth }),
        new TableRow(left, right));

    private static Paragraph BodyPara(string text)
    {
        var p = Para(text, justify: JustificationValues.Both);
        // Body paragraphs: first line indented 1 cm, 6 pt after (Decree 30 appendix I).
        p.ParagraphProperties!.Indentation = new Indentation { FirstLine = "567" };
        p.ParagraphProperties!.SpacingBetweenLines = new SpacingBetweenLines { Before = "0", After = "120" };
        return p;
    }

    private static Paragraph Para(
        string text, bool bold = false, bool italic = false, int size = 28, JustificationValues? justify = null, bool underline = false, int indentLeftTwips = 0)
    {
        var properties = new ParagraphProperties();
        if (justify is { } j)
        {
            properties.Justification = new Justification { Val = j };
        }
        if (indentLeftTwips > 0)
        {
            properties.Indentation = new Indentation { Left = indentLeftTwips.ToString(CultureInfo.InvariantCulture) };
        }
        var run = new RunProperties();
        if (bold)
        {
            run.Bold = new Bold();
        }
        if (italic)
        {
            run.Italic = new Italic();
        }
        if (underline)
        {
            // The short rule under the issuing body and the motto.
            run.Underline = new Underline { Val = UnderlineValues.Single };
        }
        run.FontSize = new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) };
        return new Paragraph(properties, new Run(run, new DocumentFormat.OpenXml.Wordprocessing.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }
}
