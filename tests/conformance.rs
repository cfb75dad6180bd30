//! The conformance corpus (`tests/conformance/*.json`): hand-computed outcomes of the rules,
//! one test per file, named after the rule it checks.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

mod common;

cases! {
    "conformance":
    n_1_2_each_minimum_on_its_own,
    n_2_default_span_and_outside,
    n_2_custom_span,
    n_3_1_employer_training_filing,
    n_3_2_platform_training,
    n_3_3_prior_certificate_stands,
    a1_c1_day_based_hours,
    a1_c1_invalid_days,
    a1_c2_research_projects,
    a1_c3_books_and_papers,
    a1_c4_patents,
    a1_c5_awards,
    a1_c6_digital_exam,
    a1_c7_assignment_waivers,
    a1_c8_degree_courses,
    a1_c9_qualification_exams,
    a1_m3_online_course_hours,
    i_1_main_contributor,
    i_2_waiver_month_boundaries,
    i_3_online_hours_as_stated,
    i_4_special_grade,
    i_5_computer_exam,
    i_6_serial_numbers,
    i_8_same_work,
    i_8_same_days,
    i_9_certificates,
    i_10_unfiled_employer_training,
    worked_example_1,
    worked_example_2,
    worked_example_3,
    worked_example_4,
    worked_example_5,
    worked_example_6,
}
