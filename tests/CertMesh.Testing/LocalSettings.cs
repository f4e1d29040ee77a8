namespace CertMesh.Testing;

/// <summary>
/// A setting of the local servers: from the environment, else from the deploy/local/.state/env file infra-up.sh
/// writes, so `dotnet test` works without sourcing anything. A missing one fails the test with what to start.
/// </summary>
public static class LocalSettings
{
    static readonly Lazy<IReadOnlyDictionary<string, string>> StateFile = new(ReadStateFile);

    public static string Get(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value
        : StateFile.Value.TryGetValue(name, out var fromFile) ? fromFile
        : throw new InvalidOperationException($"{name} is not set and not in deploy/local/.state/env: start the servers with deploy/local/infra-up.sh");

    static IReadOnlyDictionary<string, string> ReadStateFile()
    {
        var file = Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "local", ".state", "env");
        if (!File.Exists(file))
            return new Dictionary<string, string>();
        return File.ReadLines(file)
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("export ", StringComparison.Ordinal) && line.Contains('='))
            .Select(line => line["export ".Length..].Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1].Trim('"', '\''));
    }
}
