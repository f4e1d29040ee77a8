using MassTransit;

namespace CertMesh.Hosting.Bus;

/// <summary>Who sent a delivered message, as RabbitMQ proved it.</summary>
public static class BrokerVerifiedUserExtensions
{
    /// <summary>
    /// The <c>user_id</c> property of the delivered message, read from the AMQP basic properties the broker delivered:
    /// the broker refused the publish unless it named the publishing connection's user. Null when the sender did not
    /// set it (then nothing is proven: RabbitMQ verifies <c>user_id</c> only when it is present). Never taken from a
    /// header or the body, which any publisher writes freely.
    /// </summary>
    public static string? BrokerVerifiedUser(this ConsumeContext context) =>
        context.ReceiveContext.TryGetPayload(out RabbitMqBasicConsumeContext? rabbit)
        && rabbit.Properties.IsUserIdPresent()
        && rabbit.Properties.UserId is { Length: > 0 } user
            ? user
            : null;
}
