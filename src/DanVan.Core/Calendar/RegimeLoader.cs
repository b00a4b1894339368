using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DanVan.Core.Calendar;

/// <summary>Reads <c>seeds/regime/regime-vN.json</c>; a later version applies from its <c>effectiveFrom</c>.</summary>
public static partial class RegimeLoader
{
    public static IReadOnlyList<RegimeConfig> LoadFromSeeds()
    {
        var regimes = Seeds.Names()
            .Where(n => RegimeFile().IsMatch(n))
            .Select(n => Parse(Seeds.ReadText(n)))
            .OrderBy(r => r.Version)
            .ToArray();
        return regimes.Length > 0 ? CheckOrder(regimes) : throw new FormatException("No seeds/regime/regime-vN.json is embedded.");
    }

    public static RegimeConfig Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var r = doc.RootElement;
            static TimeOnly Time(JsonElement e, string name) => TimeOnly.ParseExact(e.GetProperty(name).GetString()!, "HH:mm", CultureInfo.InvariantCulture);
            return new RegimeConfig(
                r.GetProperty("version").GetInt32(),
                DateOnly.ParseExact(r.GetProperty("effectiveFrom").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.GetProperty("utcOffsetHours").GetInt32(),
                r.GetProperty("windowStartDay").GetInt32(),
                r.GetProperty("windowEndDay").GetInt32(),
                r.GetProperty("deadlineDay").GetInt32(),
                Time(r, "deadlineTime"),
                r.GetProperty("consolidationDay").GetInt32(),
                Time(r, "consolidationTime"),
                Time(r, "nightlyConsolidationTime"),
                r.GetProperty("closeAfterDays").GetInt32())
            {
                Source = r.TryGetProperty("source", out var s) ? s.GetString() : null,
                ReminderDaysBefore = r.TryGetProperty("reminderDaysBefore", out var before) ? before.GetInt32() : 3,
                ReminderDaysAfter = r.TryGetProperty("reminderDaysAfter", out var after) ? after.GetInt32() : 3,
            }.Validated();
        }
        catch (KeyNotFoundException ex)
        {
            throw new FormatException("Regime JSON lacks a field: " + ex.Message, ex);
        }
        catch (JsonException ex)
        {
            throw new FormatException("Regime JSON is malformed: " + ex.Message, ex);
        }
    }

    /// <summary>Versions must be unique and take effect in version order.</summary>
    public static IReadOnlyList<RegimeConfig> CheckOrder(IReadOnlyList<RegimeConfig> regimes)
    {
        for (var i = 1; i < regimes.Count; i++)
        {
            if (regimes[i].Version <= regimes[i - 1].Version || regimes[i].EffectiveFrom <= regimes[i - 1].EffectiveFrom)
            {
                throw new FormatException($"Regime v{regimes[i].Version} must have a higher version and a later effectiveFrom than v{regimes[i - 1].Version}.");
            }
        }
        return regimes;
    }

    [GeneratedRegex(@"^regime/regime-v\d+\.json$")]
    private static partial Regex RegimeFile();
}
