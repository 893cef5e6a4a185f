using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Immutable.Analyzers.Infrastructure;

/// <summary>
/// IMM0007: starting a package manager (apt, apt-get, yum, dnf, apk, pip, npm, gem, winget, choco…) with an
/// installing verb, directly or through a shell (<c>sh -c "apt-get install …"</c>), via <c>Process.Start</c> or a
/// <c>ProcessStartInfo</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RuntimePackageInstallAnalyzer : DiagnosticAnalyzer
{
    public const string PackageManagersOption = "immutable.IMM0007.package_managers";

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

            start.RegisterOperationAction(c => AnalyzeInvocation(c, process), OperationKind.Invocation);
            start.RegisterOperationAction(c => AnalyzeCreation(c, startInfo), OperationKind.ObjectCreation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol process)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        if (method.Name != "Start" || !method.IsStatic || !SymbolEqualityComparer.Default.Equals(method.ContainingType, process))
        {
            return;
        }

        var command = new Command();
        command.AddArguments(invocation.Arguments);
        Evaluate(context, command);
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, INamedTypeSymbol startInfo)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!SymbolEqualityComparer.Default.Equals(creation.Type, startInfo))
        {
            return;
        }

        var command = new Command();
        command.AddArguments(creation.Arguments);
        if (creation.Initializer is { } initializer)
        {
            foreach (IOperation item in initializer.Initializers)
            {
                switch (item)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                        command.Set(property.Property.Name, assignment.Value);
                        break;
                    case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "ArgumentList" }, Initializer: { } list }:
                        foreach (IOperation value in OperationText.AddArguments(list))
                        {
                            command.Arguments.Add(OperationText.Get(value) ?? OperationText.Unknown);
                        }

                        break;
                }
            }
        }

        // psi = new ProcessStartInfo(); psi.FileName = "apt-get"; psi.Arguments = "…"; psi.ArgumentList.Add("…");
        if (StoredInLocal(creation) is { } local)
        {
            foreach (IOperation operation in OperationText.Root(creation).Descendants())
            {
                switch (operation)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation target } property } assignment
                        when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        command.Set(property.Property.Name, assignment.Value);
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Add", Instance: IPropertyReferenceOperation { Property.Name: "ArgumentList", Instance: ILocalReferenceOperation target } } add
                        when add.Arguments.Length == 1 && SymbolEqualityComparer.Default.Equals(target.Local, local):
                        command.Arguments.Add(OperationText.Get(add.Arguments[0].Value) ?? OperationText.Unknown);
                        break;
                }
            }
        }

        Evaluate(context, command);
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

    private static void Evaluate(OperationAnalysisContext context, Command command)
    {
        if (command.FileName is null)
        {
            return;
        }

        var extra = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (OptionReader.Get(context.Options, context.Operation.Syntax.SyntaxTree, PackageManagersOption) is { } configured)
        {
            foreach (string name in OptionReader.SplitList(configured))
            {
                extra.Add(PackageCommand.ProgramName(name));
            }
        }

        string commandLine = command.FileName + " " + string.Join(" ", command.Arguments);
        if (PackageCommand.Find(commandLine, extra) is { } found)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.RuntimePackageInstall, context.Operation.Syntax.GetLocation(), found));
        }
    }

    private sealed class Command
    {
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

        public void Set(string name, IOperation value)
        {
            if (name.EqualsIgnoreCase("fileName"))
            {
                FileName = OperationText.Get(value) ?? FileName;
            }
            else if (name.EqualsIgnoreCase("arguments"))
            {
                if (value.Type?.SpecialType == SpecialType.System_String || value.ConstantValue.HasValue)
                {
                    Arguments.Add(OperationText.Get(value) ?? OperationText.Unknown);
                }
                else if (OperationText.GetElements(value) is { } elements)
                {
                    Arguments.AddRange(elements);
                }
            }
        }
    }
}
