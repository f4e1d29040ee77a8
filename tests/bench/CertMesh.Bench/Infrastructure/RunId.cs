using System.Globalization;

namespace CertMesh.Bench.Infrastructure;

/// <summary>A name unique to one run, usable as a namespace and in queue names: <c>bench-1122101742-3fa9</c>.</summary>
internal static class RunId
{
    public static string New() =>
        string.Create(CultureInfo.InvariantCulture, $"bench-{DateTime.UtcNow:MMddHHmmss}-{Random.Shared.Next(0x10000):x4}");
}
