CREATE TABLE public.accounts (id integer PRIMARY KEY, email text NOT NULL);
CREATE UNIQUE INDEX accounts_email_key ON public.accounts (email);
ALTER TABLE public.accounts REPLICA IDENTITY USING INDEX accounts_email_key;
