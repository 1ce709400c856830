// `harigami init DIR`: a new project with the starter content and the default templates, filled in for the organisation.

import ArgumentParser
import Foundation
import HarigamiModel
import HarigamiAuthoring

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a project folder with the starter content and the default templates.",
        discussion: """
            DIR gets Content/ (the starter: notice, guideline, response examples, posters) and Templates/, so that \
            `cd DIR && harigami build` works. In a terminal, init asks for the organisation's details; otherwise it \
            takes them as options. What is not given keeps the sample's value, which `harigami check` reports until \
            it is replaced. init refuses a folder that already holds files.
            """
    )

    @Argument(help: "The new project folder (created; or an empty one).")
    var folder: String

    @Option(name: .customLong("organisation-ja"), help: "The organisation's name in Japanese, such as 北区.") var organisationJa: String?
    @Option(name: .customLong("organisation-en"), help: "Its name in English, such as Kita Ward.") var organisationEn: String?
    @Option(name: .customLong("self-ja"), help: "How the Japanese text refers to it: 本区, 本市, 当社.") var selfJa: String?
    @Option(name: .customLong("self-en"), help: "How the English text refers to it: the Ward, the City, the Company.") var selfEn: String?
    @Option(name: .customLong("department-ja"), help: "The department that takes enquiries, in Japanese.") var departmentJa: String?
    @Option(name: .customLong("department-en"), help: "That department in English.") var departmentEn: String?
    @Option(help: "Its telephone number.") var phone: String?
    @Option(help: "Its email address.") var email: String?
    @Option(name: .customLong("hours-ja"), help: "Its opening hours in Japanese.") var hoursJa: String?
    @Option(name: .customLong("hours-en"), help: "Its opening hours in English.") var hoursEn: String?
    @Option(name: .customLong("base-url"), help: "The address the site will be published at, such as https://www.city.kita.example.jp/kasuhara/.") var baseURL: String?

    var given: [StarterField: String] {
        let values: [(StarterField, String?)] = [
            (.organisationJa, organisationJa), (.organisationEn, organisationEn), (.selfJa, selfJa), (.selfEn, selfEn),
            (.departmentJa, departmentJa), (.departmentEn, departmentEn), (.phone, phone), (.email, email),
            (.hoursJa, hoursJa), (.hoursEn, hoursEn), (.baseURL, baseURL),
        ]
        var result: [StarterField: String] = [:]
        for (field, value) in values {
            if let value, !value.trimmingCharacters(in: .whitespaces).isEmpty { result[field] = value.trimmingCharacters(in: .whitespaces) }
        }
        return result
    }

    func run() throws {
        var details = given
        if isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
            details = ask(keeping: details)
        }
        let report: ProjectInit.Report
        do {
            report = try ProjectInit.create(at: folder, details: details)
        } catch {
            Terminal.printError("error: \(error.description)")
            throw Exit.io
        }
        print("created \(folder): Content/ (the starter) and Templates/, \(report.files) files")
        let markers = report.toAdapt.reduce(0) { $0 + $1.markers }
        let samples = report.toAdapt.reduce(0) { $0 + $1.sampleValues }
        if markers + samples > 0 {
            print("")
            print("Left to adapt: \(markers) proposed values ({{adapt: …}}) and \(samples) sample values, which check --strict refuses:")
            let width = report.toAdapt.map(\.path.count).max() ?? 0
            for file in report.toAdapt {
                let parts = [file.markers > 0 ? "\(file.markers) proposed" : nil, file.sampleValues > 0 ? "\(file.sampleValues) sample" : nil].compactMap { $0 }
                print("  " + file.path.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + parts.joined(separator: ", "))
            }
        }
        print("")
        print("Next:")
        print("  cd \(folder)")
        print("  harigami check      # lists each value to adapt, with its file and line")
        print("  harigami serve      # preview while you edit; then harigami build writes Output/site")
    }

    /// Asks for each detail not given as an option; an empty answer keeps the sample's value.
    func ask(keeping given: [StarterField: String]) -> [StarterField: String] {
        var details = given
        print("Your organisation's details for Content/site.yml (press Enter to keep the sample's value and change it later):")
        for field in StarterField.allCases where details[field] == nil {
            while true {
                print("  \(field.question): ", terminator: "")
                guard let line = readLine() else { return details }
                let answer = line.trimmingCharacters(in: .whitespaces)
                if answer.isEmpty { break }
                if let problem = field.problem(with: answer) {
                    print("    \(problem)")
                    continue
                }
                details[field] = answer
                break
            }
        }
        return details
    }
}
