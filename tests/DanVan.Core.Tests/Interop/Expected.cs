using ClosedXML.Excel;
using DanVan.Core.Ingest;
using DanVan.Core.Templates;
using DanVan.Core.Tests.Corpus;

namespace DanVan.Core.Tests.Interop;

/// <summary>What any reader must find in each of DanVan's workbooks: sheet names and visibility, named cells, plain cells.</summary>
public sealed record Expected(string Workbook, IReadOnlyList<(string Name, bool Hidden)> Sheets, IReadOnlyDictionary<string, string?> Names, IReadOnlyDictionary<string, string?> Cells)
{
    public const string Template = "template";
    public const string Feedback = "feedback";
    public const string Summary = "consolidated";

    public static readonly string[] Workbooks = [Template, Feedback, Summary];

    public static byte[] Bytes(string workbook) => workbook switch
    {
        Template => Samples.Template,
        Feedback => Samples.Feedback,
        Summary => Samples.Summary,
        _ => throw new ArgumentOutOfRangeException(nameof(workbook)),
    };

    public static Expected For(string workbook) => workbook switch
    {
        Template => OfTemplate(),
        Feedback => OfFeedback(),
        Summary => OfSummary(),
        _ => throw new ArgumentOutOfRangeException(nameof(workbook)),
    };

    private static Dictionary<string, string?> Identity() => new(StringComparer.Ordinal)
    {
        [TemplateNames.TemplateIdName] = TemplateNames.ReportTemplateId,
        [TemplateNames.UnitName] = World.TinhKhe,
        [TemplateNames.PeriodName] = World.Q4.ToString(),
    };

    private static Expected OfTemplate()
    {
        var names = Identity();
        names[TemplateNames.ForIndicator("LD_VANBAN")] = null;
        names[TemplateNames.ForIndicator("NX_KETQUA")] = null;
        return new(Template, [(TemplateNames.ReportSheet, false), (TemplateNames.IdentitySheet, true)], names,
            new Dictionary<string, string?> { ["BaoCao!A5"] = "BÁO CÁO", ["BaoCao!D10"] = "Số liệu", ["BaoCao!A2"] = "UBND XÃ TỊNH KHÊ" });
    }

    private static Expected OfFeedback()
    {
        var values = Samples.FeedbackValues();
        var names = Identity();
        names[TemplateNames.ForIndicator(Samples.WrongCode)] = Samples.WrongText;
        names[TemplateNames.ForIndicator("TD_LUOT")] = WorkbookRead.Number((long)values["TD_LUOT"]!);
        names[TemplateNames.ForIndicator("NX_KETQUA")] = (string)values["NX_KETQUA"]!;
        // The problem list's first row, wherever the feedback layout puts its header.
        int header;
        using (var wb = new XLWorkbook(new MemoryStream(Samples.Feedback)))
        {
            header = wb.Worksheet(FeedbackWorkbook.ProblemSheet).CellsUsed(c => c.GetString() == "STT").Single().Address.RowNumber;
        }
        var row = header + 1;
        var sheet = FeedbackWorkbook.ProblemSheet;
        return new(Feedback, [(sheet, false), (TemplateNames.ReportSheet, false), (TemplateNames.IdentitySheet, true)], names,
            new Dictionary<string, string?>
            {
                [$"{sheet}!A1"] = "KẾT QUẢ KIỂM TRA BÁO CÁO",
                [$"{sheet}!C{row}"] = TemplateNames.ReportSheet,
                [$"{sheet}!D{row}"] = WorkbookFacts.CellOf(Samples.Template, Samples.WrongCode),
                [$"{sheet}!E{row}"] = Samples.WrongCode,
                ["BaoCao!A5"] = "BÁO CÁO",
            });
    }

    private static Expected OfSummary() => new(Summary,
        [("Tổng hợp", false), ("Theo đơn vị", false), ("Tình hình nộp báo cáo", false), ("Kiến nghị", false), ("Nguồn dữ liệu", false)],
        new Dictionary<string, string?>(),
        new Dictionary<string, string?>
        {
            ["Tổng hợp!A1"] = "UBND TỈNH QUẢNG NGÃI",
            ["Tổng hợp!A5"] = "BÁO CÁO TỔNG HỢP KẾT QUẢ CÔNG TÁC DÂN VẬN",
            // Body rows streamed into the package after ClosedXML: the province total of LD_VANBAN (1200 + 34 + 6) and its label.
            ["Theo đơn vị!C5"] = "TỔNG CỘNG TOÀN TỈNH",
            ["Theo đơn vị!E5"] = "1240",
            ["Theo đơn vị!E4"] = "văn bản",
        });

    /// <summary>Asserts a tool's reading; <paramref name="checkHidden"/> false where the tool is known to show hidden sheets.</summary>
    public void AssertRead(WorkbookRead read, bool checkHidden = true)
    {
        Assert.Equal(Sheets.Select(s => s.Name), read.Sheets.Select(s => s.Name));
        if (checkHidden)
        {
            Assert.Equal(Sheets.Select(s => s.Hidden), read.Sheets.Select(s => s.Hidden));
        }
        foreach (var (name, value) in Names)
        {
            Assert.True(read.Names.ContainsKey(name), $"{Workbook}: name {name} not read");
            Assert.Equal((name, value), (name, read.Names[name]));
        }
        foreach (var (cell, value) in Cells)
        {
            Assert.Equal((cell, value), (cell, read.Cells[cell]));
        }
    }
}
