using System.Globalization;
using DanVan.Core.Registry;

namespace DanVan.Host.Cli;

/// <summary>A unit code typed on the command line, replaced by the registry's own (UnitRegistry.TryCanonical) or refused.</summary>
public static class UnitInput
{
    /// <summary>The registry's unit, or null after telling the operator (in Vietnamese) there is none; the verb then exits 1.</summary>
    /// <param name="whenVi">When the unit must exist, e.g. "trong kỳ Quý III năm 2025".</param>
    public static async Task<ReportingUnit?> CanonicalAsync(UnitRegistry registry, string typed, DateOnly at, string whenVi, VerbConsole console)
    {
        if (registry.TryCanonical(typed, at, out var unit))
        {
            return unit;
        }
        var date = at.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        await console.Error.WriteLineAsync($"Không có đơn vị báo cáo mã '{typed.Trim()}' {whenVi}. Xem các mã: danvan units --at {date}");
        return null;
    }

    /// <summary>As <see cref="CanonicalAsync"/>, and the unit must be one that reports (not the province, which consolidates).</summary>
    public static async Task<ReportingUnit?> ReportingAsync(UnitRegistry registry, string typed, DateOnly at, string whenVi, VerbConsole console)
    {
        if (await CanonicalAsync(registry, typed, at, whenVi, console) is not { } unit)
        {
            return null;
        }
        if (!unit.Reports)
        {
            await console.Error.WriteLineAsync($"{unit.Name} ({unit.Code}) là đơn vị tổng hợp, không gửi báo cáo.");
            return null;
        }
        return unit;
    }
}
