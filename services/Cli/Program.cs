using CertMesh.Cli;

using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var app = new CliApp(http, Console.In, Console.Out, Console.Error, Environment.GetEnvironmentVariable);
try
{
    return await app.RunAsync(args, cancel.Token);
}
catch (OperationCanceledException)
{
    return 130;
}
