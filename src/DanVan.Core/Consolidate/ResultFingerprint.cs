using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DanVan.Core.Consolidate;

/// <summary>
/// SHA-256 over a canonical text of the result's content. <see cref="ConsolidationResult.BuiltUtc"/> is left out;
/// the code version is in, because the published workbook states it and a new release may change content.
/// </summary>
internal static class ResultFingerprint
{
    public static string Compute(ConsolidationResult r)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var line = new StringBuilder(256);
        void Emit(params object?[] fields)
        {
            line.Clear();
            foreach (var f in fields)
            {
                line.Append(f switch
                {
                    null => "\u2400",
                    DateTimeOffset d => d.UtcTicks.ToString(CultureInfo.InvariantCulture),
                    IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
                    _ => f.ToString(),
                }).Append('\u001f');
            }
            line.Append('\n');
            hash.AppendData(Encoding.UTF8.GetBytes(line.ToString()));
        }

        Emit("period", r.Period.Key, r.Period.WindowStart.DayNumber, r.Period.WindowEnd.DayNumber, r.Period.DeadlineUtc, r.CodeVersion);
        Emit("compare", r.PreviousQuarter, r.SamePeriodLastYear);
        Emit("gap", r.RegistryGapVi);
        foreach (var c in r.CatalogueVersions)
        {
            Emit("cat", c.Version, string.Join(',', c.Quarters));
        }
        foreach (var i in r.Indicators)
        {
            Emit("ind", i.Code, i.Section, i.SectionTitleVi, i.NameVi, i.UnitVi, i.Kind, i.Numerator, i.Denominator);
        }
        foreach (var s in r.CompletenessByScope)
        {
            var c = s.Completeness;
            Emit("cpl", s.Scope, s.ScopeNameVi, c.Expected, c.Received, c.OnTime, c.Late, c.Missing, c.CorrectedAfterDeadline);
        }
        foreach (var a in r.Aggregates)
        {
            Emit("agg", a.Scope, a.ScopeNameVi, a.IndicatorCode, a.Value, a.Numerator, a.Denominator);
        }
        foreach (var u in r.Units)
        {
            Emit("unit", u.Code, u.ValidFrom.DayNumber, u.NameVi, u.Level, u.DistrictCode, u.Status, u.CorrectedAfterDeadline,
                u.FirstAcceptedUtc, u.LatestAcceptedUtc, u.Versions, u.Uploads, string.Join(',', u.QuartersMissing));
            Emit(["val", .. u.Values.Cast<object?>()]);
            foreach (var s in u.Sources)
            {
                Emit("src", s.Quarter, s.Version, s.SubmissionId, s.ContentHash, s.CatalogueVersion, s.ReceivedUtc);
            }
        }
        foreach (var c in r.Comparisons)
        {
            Emit("cmp", c.Scope, c.IndicatorCode, c.Current, c.PreviousQuarter, c.SamePeriodLastYear,
                c.CurrentDenominator, c.PreviousQuarterDenominator, c.SamePeriodLastYearDenominator);
        }
        foreach (var n in r.Narratives)
        {
            Emit("txt", n.UnitCode, n.UnitNameVi, n.Quarter, n.IndicatorCode, n.Text);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
