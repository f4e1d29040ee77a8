using Microsoft.Extensions.Logging;

namespace CertMesh.Client.Lifecycle;

internal sealed partial class CertificateAgent
{
    [LoggerMessage(Level = LogLevel.Information, Message = "CertMesh {Certificate}: serving the stored certificate (serial {Serial}) while CertMesh is asked again")]
    partial void LogServingStored(string certificate, string serial);

    [LoggerMessage(Level = LogLevel.Information, Message = "CertMesh {Certificate}: accepted by CertMesh (a new revision is on its way: {IssuanceStarted})")]
    partial void LogAccepted(string certificate, bool issuanceStarted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CertMesh {Certificate}: CertMesh did not answer IssueCertificate; serving the certificate it has")]
    partial void LogNoAnswer(Exception exception, string certificate);

    [LoggerMessage(Level = LogLevel.Information, Message = "CertMesh {Certificate}: CertMesh holds a revision this application does not have; asking for a new one")]
    partial void LogRenewingMissing(string certificate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CertMesh {Certificate}: revision {Revision} has no readable certificate; ignored")]
    partial void LogUnreadable(Exception? exception, string certificate, int revision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CertMesh {Certificate}: revision {Revision} (serial {Serial}) is for a key this application does not hold; ignored")]
    partial void LogForeignKey(string certificate, int revision, string serial);

    [LoggerMessage(Level = LogLevel.Information, Message = "CertMesh {Certificate}: revision {Revision} (serial {Serial}) is older than the one served; ignored")]
    partial void LogStale(string certificate, int revision, string serial);

    [LoggerMessage(Level = LogLevel.Information, Message = "CertMesh {Certificate}: serving revision {Revision} (serial {Serial})")]
    partial void LogServing(string certificate, int revision, string serial);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CertMesh {Certificate}: revision {Revision} failed: {Reason}: {Message}")]
    partial void LogFailed(string certificate, int revision, string reason, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "CertMesh {Certificate}: revision {Revision} needs a new key ({Reason}, request {Attempt}); sending a CSR from it")]
    partial void LogRotating(string certificate, int revision, string reason, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CertMesh {Certificate}: the CSR from the new key was rejected: {Errors}")]
    partial void LogRotationRejected(string certificate, string errors);
}
