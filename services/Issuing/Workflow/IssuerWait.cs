namespace CertMesh.Issuing.Workflow;

/// <summary>
/// How long a request waits for its issuer to become ready: 1 s doubling to 30 s, about 15 minutes in all,
/// then it fails into the certificate's back-off like any other failure.
/// </summary>
internal static class IssuerWait
{
    public const int MaxWaits = 35;

    public static TimeSpan Delay(int waits) => TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Min(waits - 1, 5)));
}
