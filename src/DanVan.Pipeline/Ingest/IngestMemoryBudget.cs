namespace DanVan.Pipeline.Ingest;

/// <summary>
/// Bounds ingestion by memory, not only by count: each ingest reserves what it may hold (a fixed cost for the
/// readers and the feedback template plus a multiple of the file's size) from one budget per process, and waits,
/// first come first served, until that much is free. However many deliveries the triggers start at once, the
/// files being read together never need more than <see cref="IngestOptions.MemoryBudgetMb"/>.
/// </summary>
public sealed class IngestMemoryBudget(IngestOptions options)
{
    /// <summary>The readers, the fresh template and the feedback workbook, whatever the file.</summary>
    public const long BaseCostBytes = 24L * 1024 * 1024;

    /// <summary>The file itself, its copy in the checker and the streaming inspection's buffers.</summary>
    public const int BytesPerFileByte = 4;

    private readonly object _gate = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private readonly long _total = options.MemoryBudgetMb * 1024L * 1024;
    private long _inUse;

    public long InUseBytes
    {
        get
        {
            lock (_gate)
            {
                return _inUse;
            }
        }
    }

    /// <summary>What an ingest of a file of this size reserves (never more than the whole budget, so it always runs eventually).</summary>
    public long CostOf(long fileBytes) =>
        Math.Min(_total, BaseCostBytes + Math.Min(fileBytes, options.MaxFileBytes) * BytesPerFileByte);

    public async Task<IDisposable> AcquireAsync(long fileBytes, CancellationToken cancellationToken)
    {
        var cost = CostOf(fileBytes);
        Waiter waiter;
        lock (_gate)
        {
            if (_waiters.Count == 0 && _inUse + cost <= _total)
            {
                _inUse += cost;
                return new Lease(this, cost);
            }
            waiter = new Waiter(cost);
            waiter.Node = _waiters.AddLast(waiter);
        }
        await using (cancellationToken.Register(() => Cancel(waiter, cancellationToken)))
        {
            await waiter.Granted.Task;
        }
        return new Lease(this, cost);
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is null)
            {
                return;
            }
            _waiters.Remove(waiter.Node);
            waiter.Node = null;
        }
        waiter.Granted.TrySetCanceled(cancellationToken);
        Grant();
    }

    private void Release(long cost)
    {
        lock (_gate)
        {
            _inUse -= cost;
        }
        Grant();
    }

    private void Grant()
    {
        var granted = new List<Waiter>();
        lock (_gate)
        {
            // First come first served: a big file at the head is not overtaken forever by small ones.
            while (_waiters.First is { } first && _inUse + first.Value.Cost <= _total)
            {
                _inUse += first.Value.Cost;
                _waiters.RemoveFirst();
                first.Value.Node = null;
                granted.Add(first.Value);
            }
        }
        foreach (var w in granted)
        {
            w.Granted.TrySetResult();
        }
    }

    private sealed class Waiter(long cost)
    {
        public long Cost { get; } = cost;
        public LinkedListNode<Waiter>? Node { get; set; }
        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Lease(IngestMemoryBudget budget, long cost) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                budget.Release(cost);
            }
        }
    }
}
