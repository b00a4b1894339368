using Azure.Data.Tables;
using DanVan.Core.Calendar;
using DanVan.Core.Catalogue;
using DanVan.Core.Ingest;
using DanVan.Core.Registry;
using DanVan.Pipeline.Storage;

namespace DanVan.Bench;

/// <summary>
/// Writes accepted reports straight into the tables, in the entity shapes ReportStore and SubmissionStore
/// write (Values, CurrentVersions, Submissions), in 100-entity transactions. Not measured.
/// </summary>
public static class Seeder
{
    public static async Task<int> SeedAsync(DanVanStorage storage, UnitRegistry registry, PeriodKey quarter, double reportingShare, CancellationToken ct)
    {
        await storage.EnsureCreatedAsync(ct);
        var rp = ReportingCalendar.Default.Get(quarter);
        var catalogue = CatalogueSet.Default.For(quarter);
        var inputs = catalogue.Inputs.ToArray();
        var random = new Random(quarter.GetHashCode() ^ 20251);
        var partition = quarter.ToString();
        var values = new List<ITableEntity>();
        var current = new List<ITableEntity>();
        var submissions = new List<ITableEntity>();
        foreach (var unit in registry.ExpectedFor(rp))
        {
            if (random.NextDouble() >= reportingShare)
            {
                continue;
            }
            var hash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
            var id = SubmissionStore.IdFor(unit.Code, hash);
            var received = rp.DeadlineUtc.AddHours(random.Next(-240, 24));
            var late = rp.IsLate(received);
            var v = new TableEntity(partition, ReportStore.ValuesRowKey(unit.Code, 1))
            {
                ["UnitCode"] = unit.Code,
                ["Version"] = 1,
                ["SubmissionId"] = id,
                ["ContentHash"] = hash,
                ["ReceivedUtc"] = received,
                ["Late"] = late,
                ["CatalogueVersion"] = catalogue.Version,
            };
            var number = (long)random.Next(10, 500);
            foreach (var indicator in inputs)
            {
                if (indicator.IsNumeric)
                {
                    // One number per report keeps every cross-field rule true.
                    v["N_" + indicator.Code] = number;
                }
                else
                {
                    v["T_" + indicator.Code] = ReportFiles.Narrative;
                }
            }
            values.Add(v);
            current.Add(new TableEntity(partition, unit.Code)
            {
                ["Version"] = 1,
                ["SubmissionId"] = id,
                ["ContentHash"] = hash,
                ["ReceivedUtc"] = received,
                ["Late"] = late,
                ["CatalogueVersion"] = catalogue.Version,
            });
            var row = new SubmissionRow(partition, id, unit.Code, "bao-cao.xlsx", $"{unit.Code}/{partition}/bao-cao.xlsx", hash, received)
            {
                State = SubmissionOutcome.Accepted,
                Version = 1,
                Late = late,
                Attempts = 1,
                SummaryVi = "Đã tiếp nhận.",
                FeedbackBlob = $"{partition}/{unit.Code}/{id}.xlsx",
                ArchiveBlob = ArchiveStore.NameFor(hash),
                TemplateVersion = DanVan.Core.Templates.TemplateWriter.CurrentVersion,
                CatalogueVersion = catalogue.Version,
                ProblemsJson = "[]",
            };
            submissions.Add(row.ToEntity());
        }
        await UpsertParallelAsync(storage.Table(StorageNames.Values), values, ct);
        await UpsertParallelAsync(storage.Table(StorageNames.Current), current, ct);
        await UpsertParallelAsync(storage.Table(StorageNames.Submissions), submissions, ct);
        return values.Count;
    }

    private static Task UpsertParallelAsync(TableClient table, List<ITableEntity> entities, CancellationToken ct) =>
        Parallel.ForEachAsync(entities.Chunk(TableBatches.MaxEntities), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (chunk, c) => await TableBatches.UpsertAsync(table, chunk, c));
}
