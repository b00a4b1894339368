using System.Text.Json;
using ClosedXML.Excel;
using DanVan.Core.Catalogue;
using DanVan.Core.Templates;
using DanVan.Core.Tests.Templates;
using DanVan.Host.Cli;

namespace DanVan.Host.Tests;

/// <summary>`danvan check` takes an Excel 97–2003 file as it takes an .xlsx: same answer, same cells.</summary>
public sealed class CheckXlsTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("danvan-check-xls-");

    public void Dispose() => _dir.Delete(recursive: true);

    [SkippableFact]
    public async Task Check_reads_an_xls_saved_by_libreoffice_like_the_xlsx()
    {
        LibreOffice.SkipUnlessAvailable();
        var template = Path.Combine(_dir.FullName, "mau.xlsx");
        Assert.Equal(ExitCodes.Done, (await Cli.RunAsync("template", "--unit", "21211", "--period", "2026-Q4", "-o", template)).ExitCode);
        var wrong = CatalogueSet.Default.For(DanVan.Core.Calendar.PeriodKey.Parse("2026-Q4")).Inputs.First(i => i.IsNumeric && i.Rule is null).Code;
        var xlsx = Path.Combine(_dir.FullName, "bao-cao.xlsx");
        using (var wb = new XLWorkbook(template))
        {
            foreach (var indicator in CatalogueSet.Default.For(DanVan.Core.Calendar.PeriodKey.Parse("2026-Q4")).Inputs.Where(i => i.IsNumeric))
            {
                wb.NamedRange(TemplateNames.ForIndicator(indicator.Code)).Ranges.First().FirstCell().Value = indicator.Code == wrong ? -4 : 12;
            }
            wb.SaveAs(xlsx);
        }
        var xls = Path.Combine(_dir.FullName, "bao-cao.xls");
        await File.WriteAllBytesAsync(xls, LibreOffice.Convert(await File.ReadAllBytesAsync(xlsx), "xlsx", "xls"));

        var fromXlsx = await Cli.RunAsync("check", xlsx, "--json");
        var fromXls = await Cli.RunAsync("check", xls, "--json");

        Assert.True(fromXls.ExitCode == ExitCodes.Refused, fromXls.ToString());
        Assert.Equal(fromXlsx.ExitCode, fromXls.ExitCode);
        Assert.Equal(Problems(fromXlsx.Out), Problems(fromXls.Out));
        Assert.Contains(Problems(fromXls.Out), p => p.Code == "negative" && p.Indicator == wrong && p.Cell.StartsWith('D'));
    }

    private static List<(string Code, string Cell, string Indicator, string Message)> Problems(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("code").GetString()!, p.GetProperty("cell").GetString() ?? "", p.GetProperty("indicator").GetString() ?? "", p.GetProperty("message").GetString()!))
            .ToList();
    }
}
