using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Immutable.Analyzers.Infrastructure;

/// <summary>
/// IMM0007: starting a package manager (apt, apt-get, yum, dnf, apk, pip, npm, gem, winget, choco, cargo, go, dotnet
/// tool -g, PowerShell Install-Module…) with an installing verb in command position, directly or through a shell, via
/// <c>Process.Start</c>, a <c>ProcessStartInfo</c> or a <c>Process</c>'s <c>StartInfo</c> — or through a method of
/// the same compilation that passes its parameters to one of those (reported at the call, naming the wrapper).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RuntimePackageInstallAnalyzer : DiagnosticAnalyzer
{
    public const string PackageManagersOption = "immutable.IMM0007.package_managers";

    private static readonly string[] SinkKeywords = { "Start", "ProcessStartInfo", "StartInfo", "FileName" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.RuntimePackageInstall);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? startInfo = start.Compilation.GetTypeByMetadataName("System.Diagnostics.ProcessStartInfo");
            INamedTypeSymbol? process = start.Compilation.GetTypeByMetadataName("System.Diagnostics.Process");
            if (startInfo is null || process is null)
            {
                return;
            }

            var types = new ProcessTypes(process, startInfo);
            start.RegisterOperationAction(c => AnalyzeSinkOrCall(c, types), OperationKind.Invocation, OperationKind.ObjectCreation);
        });
    }

    private static void AnalyzeSinkOrCall(OperationAnalysisContext context, ProcessTypes types)
    {
        string? commandLine = CommandLine(context.Operation, types, parameters: true);
        if (commandLine is not null)
        {
            // Parameters of the enclosing method are unknown here; the callers are checked through the wrapper summary.
            string here = OperationText.Substitute(commandLine, Array.Empty<string?>());
            if (PackageCommand.Find(here, ExtraManagers(context)) is { } found)
            {
                Report(context, found, string.Empty);
            }

            return;
        }

        if (Wrappers.Target(context.Operation) is not { } wrapper ||
            SymbolEqualityComparer.Default.Equals(wrapper, context.ContainingSymbol) ||
            !Wrappers.HasStringArgument(context.Operation))
        {
            return;
        }

        // The cached summary before the arguments' texts: most called methods start no process.
        List<string> templates = SourceModels.Of(context.Compilation).GetSummary(
            DiagnosticIds.RuntimePackageInstall, wrapper, m => Summarize(m, context.Compilation, types, context));
        if (templates.Count == 0 || Wrappers.ArgumentTexts(context.Operation) is not { } arguments)
        {
            return;
        }

        HashSet<string> extra = ExtraManagers(context);
        foreach (string template in templates)
        {
            if (PackageCommand.Find(OperationText.Substitute(template, arguments), extra) is { } found)
            {
                Report(context, found, " (through '" + Wrappers.Name(wrapper) + "')");
                return;
            }
        }
    }

    /// <summary>The command lines a wrapper starts that depend on its parameters.</summary>
    private static List<string> Summarize(IMethodSymbol method, Compilation compilation, ProcessTypes types, OperationAnalysisContext context)
    {
        var templates = new List<string>();
        foreach (IOperation operation in Wrappers.BodyOperations(method, compilation, SinkKeywords, context.CancellationToken))
        {
            if (operation.Kind is OperationKind.Invocation or OperationKind.ObjectCreation &&
                CommandLine(operation, types, parameters: true) is { } template &&
                OperationText.HasParameter(template))
            {
                templates.Add(template);
            }
        }

        return templates;
    }

    private static void Report(OperationAnalysisContext context, string found, string through) =>
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.RuntimePackageInstall, context.Operation.Syntax.GetLocation(), found, through));

    private static HashSet<string> ExtraManagers(OperationAnalysisContext context)
    {
        var extra = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (OptionReader.Get(context.Options, context.Operation.Syntax.SyntaxTree, PackageManagersOption) is { } configured)
        {
            foreach (string name in OptionReader.SplitList(configured))
            {
                extra.Add(PackageCommand.ProgramName(name));
            }
        }

        return extra;
    }

    /// <summary>The command line a sink starts (file name, then arguments), or null when the operation is no sink.</summary>
    private static string? CommandLine(IOperation operation, ProcessTypes types, bool parameters)
    {
        Command command;
        switch (operation)
        {
            case IInvocationOperation { TargetMethod: { Name: "Start", IsStatic: true } method } invocation
                when SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Process):
                command = new Command(parameters); // Only for sinks: this runs for every call of the compilation.
                command.AddArguments(invocation.Arguments);
                break;
            case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, types.StartInfo):
                command = new Command(parameters);
                command.AddArguments(creation.Arguments);
                command.AddInitializer(creation.Initializer);
                command.AddLocalAssignments(creation, viaProcess: false);
                break;
            case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, types.Process):
                // new Process { StartInfo = { FileName = "npm", … } }; p.StartInfo.FileName = "apt-get";
                command = new Command(parameters);
                if (creation.Initializer is { } initializer)
                {
                    foreach (IOperation item in initializer.Initializers)
                    {
                        if (item is IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "StartInfo" }, Initializer: { } startInfo })
                        {
                            command.AddInitializer(startInfo);
                        }
                    }
                }

                command.AddLocalAssignments(creation, viaProcess: true);
                break;
            default:
                return null;
        }

        return command.FileName is null ? null : command.FileName + " " + string.Join(" ", command.Arguments);
    }

    private static ILocalSymbol? StoredInLocal(IOperation creation)
    {
        IOperation? parent = creation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } => local.Local,
            _ => null,
        };
    }

    private sealed class ProcessTypes
    {
        public ProcessTypes(INamedTypeSymbol process, INamedTypeSymbol startInfo)
        {
            Process = process;
            StartInfo = startInfo;
        }

        public INamedTypeSymbol Process { get; }

        public INamedTypeSymbol StartInfo { get; }
    }

    private sealed class Command
    {
        private readonly bool _parameters;

        public Command(bool parameters) => _parameters = parameters;

        public string? FileName { get; private set; }

        public List<string> Arguments { get; } = new();

        public void AddArguments(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter is { } parameter)
                {
                    Set(parameter.Name, argument.Value);
                }
            }
        }

        public void AddInitializer(IObjectOrCollectionInitializerOperation? initializer)
        {
            if (initializer is null)
            {
                return;
            }

            foreach (IOperation item in initializer.Initializers)
            {
                switch (item)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                        Set(property.Property.Name, assignment.Value);
                        break;
                    case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "ArgumentList" }, Initializer: { } list }:
                        foreach (IOperation value in OperationText.AddArguments(list))
                        {
                            Arguments.Add(OperationText.Get(value, _parameters) ?? OperationText.Unknown);
                        }

                        break;
                }
            }
        }

        /// <summary><c>psi.FileName = …; psi.ArgumentList.Add(…)</c> (or <c>p.StartInfo.…</c>) on the local the creation is stored in.</summary>
        public void AddLocalAssignments(IOperation creation, bool viaProcess)
        {
            if (StoredInLocal(creation) is not { } local)
            {
                return;
            }

            foreach (IOperation operation in OperationText.Root(creation).Descendants())
            {
                switch (operation)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment when IsStartInfoOf(property.Instance, local, viaProcess):
                        Set(property.Property.Name, assignment.Value);
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Add", Instance: IPropertyReferenceOperation { Property.Name: "ArgumentList" } list } add
                        when add.Arguments.Length == 1 && IsStartInfoOf(list.Instance, local, viaProcess):
                        Arguments.Add(OperationText.Get(add.Arguments[0].Value, _parameters) ?? OperationText.Unknown);
                        break;
                }
            }
        }

        private static bool IsStartInfoOf(IOperation? instance, ILocalSymbol local, bool viaProcess)
        {
            if (viaProcess)
            {
                instance = instance is IPropertyReferenceOperation { Property.Name: "StartInfo" } startInfo ? startInfo.Instance : null;
            }

            return instance is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
        }

        private void Set(string name, IOperation value)
        {
            if (name.EqualsIgnoreCase("fileName"))
            {
                FileName = OperationText.Get(value, _parameters) ?? FileName;
            }
            else if (name.EqualsIgnoreCase("arguments"))
            {
                if (value.Type?.SpecialType == SpecialType.System_String || value.ConstantValue.HasValue)
                {
                    Arguments.Add(OperationText.Get(value, _parameters) ?? OperationText.Unknown);
                }
                else if (OperationText.GetElements(value, _parameters) is { } elements)
                {
                    Arguments.AddRange(elements);
                }
            }
        }
    }
}
