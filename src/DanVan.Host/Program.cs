using System.Text;
using DanVan.Host.Cli;

Console.OutputEncoding = Encoding.UTF8;
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
return await CommandLine.RunAsync(args, new VerbConsole(Console.Out, Console.Error), cts.Token);
