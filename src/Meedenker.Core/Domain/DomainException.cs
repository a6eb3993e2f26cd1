namespace Meedenker.Domain;

/// <summary>A rule on an entity was broken. Carries the message in Dutch and English for the user.</summary>
public sealed class DomainException : Exception
{
    public DomainException(string dutch, string english) : base(english)
    {
        Dutch = dutch;
        English = english;
    }

    public DomainException() : this("Dit kan niet.", "This is not allowed.")
    {
    }

    public DomainException(string message) : this(message, message)
    {
    }

    public DomainException(string message, Exception innerException) : base(message, innerException)
    {
        Dutch = message;
        English = message;
    }

    public string Dutch { get; } = "";
    public string English { get; } = "";
}
