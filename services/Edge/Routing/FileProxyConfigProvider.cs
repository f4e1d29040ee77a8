using System.Text.Json;
using Yarp.ReverseProxy.Configuration;

namespace CertMesh.Edge.Routing;

/// <summary>
/// YARP's routes and clusters from the route file (<see cref="EdgeOptions.RoutesFile"/>), re-read when the file
/// system reports a change and, as a safety net for mounts that report nothing, every
/// <see cref="EdgeOptions.RoutesPoll"/>. A file that does not parse or validate is logged and ignored: the proxy
/// keeps forwarding with the last good configuration. A file that parses but does not validate is checked again at
/// every poll (logged once per distinct set of errors): whether it is valid can change without the file changing, when
/// an issuer a route names is created or the database comes back.
/// </summary>
internal sealed partial class FileProxyConfigProvider : IProxyConfigProvider, IDisposable
{
    static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);
    const string Missing = "\0missing"; // never the text of a file

    readonly string _path;
    readonly RouteValidator _validator;
    readonly ILogger<FileProxyConfigProvider> _logger;
    readonly SemaphoreSlim _reloading = new(1, 1);
    readonly FileSystemWatcher? _watcher;
    readonly Timer _debounce;
    readonly Timer _poll;
    volatile FileProxyConfig _config;
    string? _lastSeen;
    (string Text, string Errors)? _lastRejected;

    public FileProxyConfigProvider(EdgeOptions options, RouteValidator validator, ILogger<FileProxyConfigProvider> logger)
    {
        _path = options.RoutesFile;
        _validator = validator;
        _logger = logger;
        _config = new FileProxyConfig([], []);
        // YARP asks for the configuration once, synchronously, while the app is being built.
        ReloadAsync().GetAwaiter().GetResult();

        _debounce = new Timer(_ => _ = ReloadAsync());
        _poll = new Timer(_ => _ = ReloadAsync(), null, options.RoutesPoll, options.RoutesPoll);
        var directory = Path.GetDirectoryName(_path)!;
        if (Directory.Exists(directory))
        {
            _watcher = new FileSystemWatcher(directory, Path.GetFileName(_path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            // Editors and ConfigMap updates write in several steps (truncate, write, rename): wait for them to settle.
            FileSystemEventHandler changed = (_, _) => _debounce.Change(Debounce, Timeout.InfiniteTimeSpan);
            _watcher.Changed += changed;
            _watcher.Created += changed;
            _watcher.Deleted += changed;
            _watcher.Renamed += (_, _) => _debounce.Change(Debounce, Timeout.InfiniteTimeSpan);
            _watcher.EnableRaisingEvents = true;
        }
    }

    public IProxyConfig GetConfig() => _config;

    async Task ReloadAsync()
    {
        await _reloading.WaitAsync();
        try
        {
            if (!File.Exists(_path))
            {
                // Missing at start: no routes. Missing later (mid-replace, or removed by mistake): keep forwarding.
                if (_lastSeen != Missing)
                    LogMissing(_path, _lastSeen is null ? "starting with no routes" : "keeping the previous routes");
                _lastSeen = Missing;
                return;
            }
            string text;
            try
            {
                text = await File.ReadAllTextAsync(_path);
            }
            catch (IOException exception)
            {
                LogUnreadable(exception, _path);
                return;
            }
            if (text == _lastSeen)
                return;

            IReadOnlyList<RouteConfig> routes;
            IReadOnlyList<ClusterConfig> clusters;
            try
            {
                (routes, clusters) = RouteFile.Parse(text);
            }
            catch (JsonException exception)
            {
                _lastSeen = text; // malformed JSON stays malformed until the file changes
                LogInvalid(_path, exception.Message);
                return;
            }
            var errors = await _validator.ValidateAsync(routes, clusters);
            if (errors.Count > 0)
            {
                var rejected = (text, string.Join("; ", errors));
                if (_lastRejected != rejected)
                    LogInvalid(_path, rejected.Item2);
                _lastRejected = rejected;
                return;
            }
            _lastSeen = text;
            _lastRejected = null;
            var previous = _config;
            _config = new FileProxyConfig(routes, clusters, fromFile: true);
            previous.SignalReplaced();
            LogLoaded(_path, routes.Count, clusters.Count);
        }
        catch (Exception exception)
        {
            LogInvalid(_path, exception.Message);
        }
        finally
        {
            _reloading.Release();
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce.Dispose();
        _poll.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Routes loaded from {Path}: {Routes} routes, {Clusters} clusters")]
    partial void LogLoaded(string path, int routes, int clusters);

    [LoggerMessage(Level = LogLevel.Error, Message = "Route file {Path} is invalid, keeping the previous routes: {Errors}")]
    partial void LogInvalid(string path, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Route file {Path} does not exist; {Outcome}")]
    partial void LogMissing(string path, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Route file {Path} cannot be read; keeping the previous routes")]
    partial void LogUnreadable(Exception exception, string path);
}
