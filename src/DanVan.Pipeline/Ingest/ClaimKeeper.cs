using DanVan.Pipeline.Storage;

namespace DanVan.Pipeline.Ingest;

/// <summary>
/// Renews a worker's claim on a submission while it works, so a slow ingestion (one unit's uploads queued behind
/// each other, a storage hiccup) is never mistaken for a crashed one and processed twice. When a renewal finds
/// the row changed by someone else, the claim is lost and <see cref="Lost"/> cancels the work.
/// </summary>
internal sealed class ClaimKeeper : IAsyncDisposable
{
    private readonly SubmissionStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _claim;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost;
    private readonly Task _loop;
    private SubmissionRow _row;

    public ClaimKeeper(SubmissionStore store, SubmissionRow row, TimeSpan claim, TimeProvider time, CancellationToken cancellationToken)
    {
        _store = store;
        _row = row;
        _claim = claim;
        _time = time;
        _lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _loop = RenewAsync();
    }

    /// <summary>Cancelled when the claim is lost (or the caller cancels).</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Stops renewing and returns the row as last written, with the ETag the final update must use.</summary>
    public async Task<SubmissionRow> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return _row;
    }

    private async Task RenewAsync()
    {
        var every = _claim / 3;
        while (true)
        {
            try
            {
                // Renewal follows the process's own clock (a test's pinned business clock would never fire it).
                await Task.Delay(every, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                var renewed = await _store.TryRenewClaimAsync(_row, _time.GetUtcNow() + _claim, _stop.Token);
                if (renewed is null)
                {
                    await _lost.CancelAsync();
                    return;
                }
                _row = renewed;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // Storage did not answer this time: the claim still holds until it runs out; try again.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        _lost.Dispose();
    }
}
