"""Downloads of the whole register: CSV for Excel and Open Referral HSDS 3.0."""
