using DanVan.Pipeline;
using DanVan.Pipeline.Ingest;

namespace DanVan.Integration.Tests.Ingest;

/// <summary>Ingest concurrency bounded by memory: uploads wait for their share, first come first served.</summary>
public sealed class IngestMemoryBudgetTests
{
    private static IngestMemoryBudget Budget(int mb) => new(new IngestOptions { MemoryBudgetMb = mb });

    [Fact]
    public async Task Small_files_run_together_and_a_large_one_waits_until_their_memory_is_free()
    {
        var budget = Budget(100);
        var small1 = await budget.AcquireAsync(100_000, CancellationToken.None);
        var small2 = await budget.AcquireAsync(100_000, CancellationToken.None);
        Assert.Equal(2 * budget.CostOf(100_000), budget.InUseBytes);

        // 10 MB: 24 MB + 4 × 10 MB = 64 MB; with 2 × ~24.4 MB in use it does not fit in 100 MB.
        var large = budget.AcquireAsync(10 * 1024 * 1024, CancellationToken.None);
        Assert.False(large.IsCompleted);
        // First come first served: a small file arriving later queues behind the large one.
        var later = budget.AcquireAsync(1_000, CancellationToken.None);
        Assert.False(later.IsCompleted);

        small1.Dispose();
        small2.Dispose();
        using (await large)
        {
            // The small file behind it may already hold its share (granted, its task not yet observed as complete).
            var large10 = budget.CostOf(10 * 1024 * 1024);
            Assert.Contains(budget.InUseBytes, new[] { large10, large10 + budget.CostOf(1_000) });
        }
        (await later).Dispose();
        Assert.Equal(0, budget.InUseBytes);
    }

    [Fact]
    public async Task A_file_costlier_than_the_whole_budget_still_runs_alone()
    {
        var budget = Budget(64);
        Assert.Equal(64L * 1024 * 1024, budget.CostOf(50L * 1024 * 1024));
        using var lease = await budget.AcquireAsync(50L * 1024 * 1024, CancellationToken.None);
        var next = budget.AcquireAsync(1, CancellationToken.None);
        Assert.False(next.IsCompleted);
        lease.Dispose();
        (await next).Dispose();
    }

    [Fact]
    public async Task A_cancelled_wait_gives_its_place_to_the_next()
    {
        var budget = Budget(64);
        var first = await budget.AcquireAsync(10 * 1024 * 1024, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = budget.AcquireAsync(10 * 1024 * 1024, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        first.Dispose();
        (await budget.AcquireAsync(10 * 1024 * 1024, CancellationToken.None)).Dispose();
        Assert.Equal(0, budget.InUseBytes);
    }
}
