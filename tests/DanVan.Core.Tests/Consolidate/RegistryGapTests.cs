using ClosedXML.Excel;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Consolidate;
using DanVan.Core.Publish;
using DanVan.Core.Registry;

namespace DanVan.Core.Tests.Consolidate;

/// <summary>A period whose units the registry cannot list (2020–2024) says so on the workbook instead of looking complete.</summary>
public sealed class RegistryGapTests
{
    private static ConsolidationResult Consolidate(PeriodKey key) => Consolidator.Consolidate(new ConsolidationInput(
        ReportingCalendar.Default.Get(key), UnitRegistry.Default, ReportingCalendar.Default, CatalogueSet.Default, [], [],
        new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero), "test"));

    [Fact]
    public void A_period_in_the_registry_gap_carries_the_note_into_the_workbook_and_the_fingerprint()
    {
        var inGap = Consolidate(PeriodKey.ForQuarter(2023, 2));

        Assert.Contains("173", inGap.RegistryGapVi);
        using var buffer = new MemoryStream();
        SummaryWorkbook.Write(inGap, buffer);
        using var wb = new XLWorkbook(new MemoryStream(buffer.ToArray()));
        Assert.StartsWith("Lưu ý: ", wb.Worksheet("Tổng hợp").Cell(9, 1).GetString());
        Assert.NotEqual(inGap.Fingerprint, ResultFingerprintProbe(inGap with { RegistryGapVi = null }));
    }

    [Fact]
    public void A_period_after_the_merger_has_no_gap_note()
    {
        Assert.Null(Consolidate(PeriodKey.ForQuarter(2025, 3)).RegistryGapVi);
    }

    private static string ResultFingerprintProbe(ConsolidationResult r) => ResultFingerprint.Compute(r);
}
