namespace CertMesh.AcmeOrder.Orders;

/// <summary>The Order's history as cert-manager words it (<c>kubectl describe order</c>), plus CertMesh's retry note.</summary>
internal static class OrderEvents
{
    public const string CreateOrder = "CreateOrder";
    public const string CreateOrderMessage = "Created new ACME order, attempting validation...";
    public const string Created = "Created";
    public const string Complete = "Complete";
    public const string CompleteMessage = "Order completed successfully";
    public const string Failed = "Failed";
    public const string Retrying = "Retrying";

    /// <summary>The reason every AcmeOrderFailed carries; the message says what failed.</summary>
    public const string FailedReason = "Failed";

    public static string ChallengeCreated(string challengeName, string dnsName) =>
        $"Created Challenge resource \"{challengeName}\" for domain \"{dnsName}\"";
}
