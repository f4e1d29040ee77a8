using System.Collections.Concurrent;

namespace CertMesh.Persistence.Messaging;

/// <summary>Stores message types by full name and assembly (no version), so a redeploy can still deliver old rows.</summary>
public static class MessageTypeName
{
    static readonly ConcurrentDictionary<string, Type> Resolved = new();

    public static string Of(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static Type Resolve(string name) =>
        Resolved.GetOrAdd(name, n => Type.GetType(n, throwOnError: true)!);
}
