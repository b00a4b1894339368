using System.Runtime.ExceptionServices;
using Microsoft.Azure.WebJobs.Host.Timers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DanVan.Host.SelfHost;

/// <summary>
/// The self-host's triggers (the WebJobs SDK host) kept alive. A WebJobs listener whose storage stops answering
/// reports an unhandled exception, which by default ends the process (portal included) and otherwise leaves the
/// listener dead. Here it restarts the triggers instead — as the Functions runtime restarts its host — retrying
/// until storage answers again; uploads missed meanwhile are found by reconciliation.
/// </summary>
public sealed class TriggerHost(Func<Action<Exception>, IHost> build, ILogger<TriggerHost> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _life = new();
    private IHost? _current;
    private int _restartPending;
    private int _restarts;
    private bool _disposed;

    public IServiceProvider Services => (_current ?? throw new InvalidOperationException("The triggers are restarting.")).Services;

    public int Restarts => Volatile.Read(ref _restarts);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var host = build(ListenerFailed);
        await host.StartAsync(cancellationToken);
        _current = host;
    }

    private void ListenerFailed(Exception exception)
    {
        logger.LogError(exception, "A trigger listener failed; the triggers restart while the portal keeps running");
        if (Interlocked.Exchange(ref _restartPending, 1) == 0)
        {
            _ = Task.Run(RestartAsync);
        }
    }

    private async Task RestartAsync()
    {
        var delay = TimeSpan.FromSeconds(3);
        while (!_life.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, _life.Token);
                await _gate.WaitAsync(_life.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                if (_disposed)
                {
                    return;
                }
                await StopAsync(_current);
                _current = null;
                var next = build(ListenerFailed);
                try
                {
                    await next.StartAsync(_life.Token);
                    _current = next;
                    Interlocked.Increment(ref _restarts);
                    Volatile.Write(ref _restartPending, 0);
                    logger.LogWarning("The triggers restarted after a listener failure");
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning("The triggers could not restart yet ({Reason}); trying again", ex.Message);
                    await StopAsync(next);
                    delay = TimeSpan.FromSeconds(5);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    private async Task StopAsync(IHost? host)
    {
        if (host is null)
        {
            return;
        }
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(stop.Token);
        }
        catch (Exception ex)
        {
            // Storage may be what failed: leases and receipts expire by themselves.
            logger.LogDebug(ex, "The triggers did not stop cleanly");
        }
        try
        {
            host.Dispose();
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "The triggers did not dispose cleanly");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _life.CancelAsync();
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            await StopAsync(_current);
            _current = null;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>Reports a failed listener to the <see cref="TriggerHost"/> instead of crashing the process.</summary>
internal sealed class ListenerFailureHandlerFactory(Action<Exception> failed) : IWebJobsExceptionHandlerFactory
{
    public IWebJobsExceptionHandler Create(IHost jobHost) => new Handler(failed);

    private sealed class Handler(Action<Exception> failed) : IWebJobsExceptionHandler
    {
        public Task OnTimeoutExceptionAsync(ExceptionDispatchInfo exceptionInfo, TimeSpan timeoutGracePeriod)
        {
            failed(exceptionInfo.SourceException);
            return Task.CompletedTask;
        }

        public Task OnUnhandledExceptionAsync(ExceptionDispatchInfo exceptionInfo)
        {
            failed(exceptionInfo.SourceException);
            return Task.CompletedTask;
        }
    }
}
